"""An IAM estate for the identity end-to-end suite (identity.test.ts): for each CIS / FSBP identity check, a
principal or policy that is fine and one that is not. Usage: identity_estate.py http://127.0.0.1:PORT"""
import json
import sys

import boto3

URL = sys.argv[1]
ACCOUNT = '123456789012'


def c(service, **keys):
    return boto3.client(service, endpoint_url=URL, region_name='us-east-1',
                        aws_access_key_id=keys.get('key', 'testing'),
                        aws_secret_access_key=keys.get('secret', 'testing'))


def doc(*statements):
    return json.dumps({'Version': '2012-10-17', 'Statement': list(statements)})


def trust(principal, condition=None):
    statement = {'Effect': 'Allow', 'Principal': principal, 'Action': 'sts:AssumeRole'}
    if condition:
        statement['Condition'] = condition
    return doc(statement)


iam = c('iam')
out = {}

# A weak password policy: 12 characters, no symbols, reuse of the last 5 prevented.
iam.update_account_password_policy(MinimumPasswordLength=12, RequireUppercaseCharacters=True,
                                   RequireLowercaseCharacters=True, RequireNumbers=True, RequireSymbols=False,
                                   PasswordReusePrevention=5)

# Groups carry the permissions; admins get a customer-managed "*" on "*".
full_admin = iam.create_policy(PolicyName='full-admin', PolicyDocument=doc(
    {'Effect': 'Allow', 'Action': '*', 'Resource': '*'}))['Policy']['Arn']
scoped = iam.create_policy(PolicyName='s3-read-reports', PolicyDocument=doc(
    {'Effect': 'Allow', 'Action': ['s3:GetObject', 's3:ListBucket'],
     'Resource': ['arn:aws:s3:::reports', 'arn:aws:s3:::reports/*']}))['Policy']['Arn']
iam.create_group(GroupName='admins')
iam.attach_group_policy(GroupName='admins', PolicyArn=full_admin)
iam.create_group(GroupName='analysts')
iam.attach_group_policy(GroupName='analysts', PolicyArn=scoped)

# alice: console user with a virtual MFA device, permissions from a group only.
iam.create_user(UserName='alice')
iam.create_login_profile(UserName='alice', Password='Corr3ct-Horse-Battery')
serial = iam.create_virtual_mfa_device(VirtualMFADeviceName='alice')['VirtualMFADevice']['SerialNumber']
iam.enable_mfa_device(UserName='alice', SerialNumber=serial, AuthenticationCode1='123456',
                      AuthenticationCode2='654321')
iam.add_user_to_group(GroupName='analysts', UserName='alice')

# bob: console user without MFA, an administrator through his group.
iam.create_user(UserName='bob')
iam.create_login_profile(UserName='bob', Password='Corr3ct-Horse-Battery')
iam.add_user_to_group(GroupName='admins', UserName='bob')

# carol: console user (with MFA) given an access key at creation that was never used.
iam.create_user(UserName='carol')
iam.create_login_profile(UserName='carol', Password='Corr3ct-Horse-Battery')
serial = iam.create_virtual_mfa_device(VirtualMFADeviceName='carol')['VirtualMFADevice']['SerialNumber']
iam.enable_mfa_device(UserName='carol', SerialNumber=serial, AuthenticationCode1='123456',
                      AuthenticationCode2='654321')
iam.create_access_key(UserName='carol')
iam.add_user_to_group(GroupName='analysts', UserName='carol')

# ci-bot: no password, two active keys (a rotation never finished), the first one in use.
iam.create_user(UserName='ci-bot')
first = iam.create_access_key(UserName='ci-bot')['AccessKey']
iam.create_access_key(UserName='ci-bot')
c('sts', key=first['AccessKeyId'], secret=first['SecretAccessKey']).get_caller_identity()

# deploy-bot: one active key in use and one deactivated.
iam.create_user(UserName='deploy-bot')
old = iam.create_access_key(UserName='deploy-bot')['AccessKey']
new = iam.create_access_key(UserName='deploy-bot')['AccessKey']
iam.update_access_key(UserName='deploy-bot', AccessKeyId=old['AccessKeyId'], Status='Inactive')
c('sts', key=new['AccessKeyId'], secret=new['SecretAccessKey']).get_caller_identity()
iam.add_user_to_group(GroupName='analysts', UserName='deploy-bot')

# dave: a managed policy attached to the user directly; erin: an inline user policy that can escalate.
iam.create_user(UserName='dave')
iam.attach_user_policy(UserName='dave', PolicyArn=scoped)
iam.create_user(UserName='erin')
iam.put_user_policy(UserName='erin', PolicyName='self-service', PolicyDocument=doc(
    {'Effect': 'Allow', 'Action': 'iam:AttachUserPolicy', 'Resource': '*'}))

# helpdesk: an inline policy that can create access keys for any user, administrators included.
iam.create_user(UserName='helpdesk')
iam.put_user_policy(UserName='helpdesk', PolicyName='reset-keys', PolicyDocument=doc(
    {'Effect': 'Allow', 'Action': ['iam:CreateAccessKey', 'iam:ListAccessKeys'], 'Resource': '*'}))

# Customer-managed policies: an unattached admin, a service-wide wildcard, decrypt with every key, and a
# KMS decrypt scoped to one key.
iam.create_policy(PolicyName='unused-admin', PolicyDocument=doc(
    {'Effect': 'Allow', 'Action': '*:*', 'Resource': '*'}))
s3_all = iam.create_policy(PolicyName='s3-everything', PolicyDocument=doc(
    {'Effect': 'Allow', 'Action': 's3:*', 'Resource': '*'}))['Policy']['Arn']
decrypt_all = iam.create_policy(PolicyName='decrypt-anything', PolicyDocument=doc(
    {'Effect': 'Allow', 'Action': ['kms:Decrypt', 'kms:GenerateDataKey'], 'Resource': '*'}))['Policy']['Arn']
decrypt_one = iam.create_policy(PolicyName='decrypt-app-key', PolicyDocument=doc(
    {'Effect': 'Allow', 'Action': 'kms:Decrypt',
     'Resource': f'arn:aws:kms:us-east-1:{ACCOUNT}:key/11111111-2222-3333-4444-555555555555'}))['Policy']['Arn']

# Roles: a service role with an instance profile, a partner account, anyone, and an admin role for this account.
iam.create_role(RoleName='app-role', AssumeRolePolicyDocument=trust({'Service': 'ec2.amazonaws.com'}))
iam.attach_role_policy(RoleName='app-role', PolicyArn=decrypt_one)
iam.attach_role_policy(RoleName='app-role', PolicyArn=s3_all)
iam.create_instance_profile(InstanceProfileName='app-profile')
iam.add_role_to_instance_profile(InstanceProfileName='app-profile', RoleName='app-role')
iam.create_role(RoleName='partner-audit', AssumeRolePolicyDocument=trust(
    {'AWS': 'arn:aws:iam::999988887777:root'}, {'StringEquals': {'sts:ExternalId': 'partner-42'}}))
iam.attach_role_policy(RoleName='partner-audit', PolicyArn=decrypt_all)
iam.create_role(RoleName='open-role', AssumeRolePolicyDocument=trust({'AWS': '*'}))
iam.put_role_policy(RoleName='open-role', PolicyName='everything', PolicyDocument=doc(
    {'Effect': 'Allow', 'Action': '*', 'Resource': '*'}))
iam.create_role(RoleName='break-glass', AssumeRolePolicyDocument=trust({'AWS': f'arn:aws:iam::{ACCOUNT}:root'}))

# Server certificates: one valid for years, one expired last year (moto lists every one as expiring in 2012).
def certificate(name, not_before, not_after):
    import datetime
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now + datetime.timedelta(days=not_before))
            .not_valid_after(now + datetime.timedelta(days=not_after)).sign(key, hashes.SHA256()))
    pem_key = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    return cert.public_bytes(serialization.Encoding.PEM).decode(), pem_key.decode()


body, key = certificate('shop.example.com', -30, 700)
iam.upload_server_certificate(ServerCertificateName='shop-current', CertificateBody=body, PrivateKey=key)
body, key = certificate('old.example.com', -800, -400)
iam.upload_server_certificate(ServerCertificateName='old-expired', CertificateBody=body, PrivateKey=key)

# GitHub Actions OIDC: one role limited to a repository's main branch, one checking only the audience.
github = iam.create_open_id_connect_provider(Url='https://token.actions.githubusercontent.com',
                                             ClientIDList=['sts.amazonaws.com'],
                                             ThumbprintList=['6938fd4d98bab03faadb97b34396831e3780aea1'])
audience = {'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com'}
iam.create_role(RoleName='gh-main', AssumeRolePolicyDocument=doc({
    'Effect': 'Allow', 'Principal': {'Federated': github['OpenIDConnectProviderArn']},
    'Action': 'sts:AssumeRoleWithWebIdentity',
    'Condition': {'StringEquals': audience,
                  'StringLike': {'token.actions.githubusercontent.com:sub': 'repo:octo-org/shop:ref:refs/heads/main'}}}))
iam.create_role(RoleName='gh-any-repo', AssumeRolePolicyDocument=doc({
    'Effect': 'Allow', 'Principal': {'Federated': github['OpenIDConnectProviderArn']},
    'Action': 'sts:AssumeRoleWithWebIdentity', 'Condition': {'StringEquals': audience}}))

# AWS managed policies exist only when moto loads them (MOTO_IAM_LOAD_MANAGED_POLICIES=true).
try:
    iam.attach_role_policy(RoleName='break-glass', PolicyArn='arn:aws:iam::aws:policy/AdministratorAccess')
    iam.create_role(RoleName='aws-support', AssumeRolePolicyDocument=trust({'AWS': f'arn:aws:iam::{ACCOUNT}:root'}))
    iam.attach_role_policy(RoleName='aws-support', PolicyArn='arn:aws:iam::aws:policy/AWSSupportAccess')
    iam.attach_user_policy(UserName='dave', PolicyArn='arn:aws:iam::aws:policy/AWSCloudShellFullAccess')
    out['managed'] = 'loaded'
except iam.exceptions.NoSuchEntityException:
    out['managed'] = 'absent'

print(json.dumps(out))
