# Storage and data estate for the emulator suite test/emulator/data.test.ts: S3, KMS, RDS, EFS, ECR, SNS and Lambda
# resources made with boto3 against `moto_server`, each misconfiguration the data controls look for next to a
# resource that is fine. `account-block` as second argument only turns on the account's S3 Block Public Access.
# Usage: python3 data_estate.py http://127.0.0.1:PORT [account-block]   (prints one JSON line with the ids it made)
import io, json, sys, zipfile

import boto3

E = sys.argv[1] if len(sys.argv) > 1 else 'http://127.0.0.1:5413'
ACCOUNT = '123456789012'
PARTNER = '999988887777'


def c(service, region='us-east-1'):
    return boto3.client(service, endpoint_url=E, region_name=region, aws_access_key_id='testing', aws_secret_access_key='testing')


def doc(*statements):
    return json.dumps({'Version': '2012-10-17', 'Statement': list(statements)})


BLOCK_ALL = {'BlockPublicAcls': True, 'IgnorePublicAcls': True, 'BlockPublicPolicy': True, 'RestrictPublicBuckets': True}
BLOCK_NONE = {'BlockPublicAcls': False, 'IgnorePublicAcls': False, 'BlockPublicPolicy': False, 'RestrictPublicBuckets': False}

if len(sys.argv) > 2 and sys.argv[2] == 'account-block':
    # S3 Control puts the account id in the host name; a local endpoint has no such names.
    control = boto3.client('s3control', endpoint_url=E, region_name='us-east-1', aws_access_key_id='testing', aws_secret_access_key='testing')

    def local_host(request, **_):
        request.url = request.url.replace(f'//{ACCOUNT}.', '//', 1)
    control.meta.events.register('before-send.s3-control.*', local_host)
    control.put_public_access_block(AccountId=ACCOUNT, PublicAccessBlockConfiguration=BLOCK_ALL)
    print('{}')
    sys.exit(0)

ids = {}

# ---- S3 ----
s3 = c('s3')


def bucket(name, region='us-east-1', block=BLOCK_NONE, ownership='ObjectWriter'):
    client = s3 if region == 'us-east-1' else c('s3', region)
    kwargs = {} if region == 'us-east-1' else {'CreateBucketConfiguration': {'LocationConstraint': region}}
    client.create_bucket(Bucket=name, ObjectOwnership=ownership, **kwargs)
    if block is not None:
        client.put_public_access_block(Bucket=name, PublicAccessBlockConfiguration=block)
    return client


def read_all(name):
    return {'Effect': 'Allow', 'Principal': '*', 'Action': 's3:GetObject', 'Resource': f'arn:aws:s3:::{name}/*'}


def https_only(name, **extra):
    statement = {'Sid': 'DenyHttp', 'Effect': 'Deny', 'Principal': '*', 'Action': 's3:*',
                 'Resource': [f'arn:aws:s3:::{name}', f'arn:aws:s3:::{name}/*'],
                 'Condition': {'Bool': {'aws:SecureTransport': 'false'}}}
    statement.update(extra)
    return statement


# Public through its policy (Principal "*"), nothing blocks it.
bucket('d-public-policy')
s3.put_bucket_policy(Bucket='d-public-policy', Policy=doc(read_all('d-public-policy')))
# Public through ACL grants: AllUsers READ, and AuthenticatedUsers (any AWS account) READ.
bucket('d-public-acl')
s3.put_bucket_acl(Bucket='d-public-acl', ACL='public-read')
bucket('d-authenticated-acl')
s3.put_bucket_acl(Bucket='d-authenticated-acl', ACL='authenticated-read')
# Public policy and ACL, neutralised by the bucket's own block (all four settings).
bucket('d-blocked')
s3.put_bucket_policy(Bucket='d-blocked', Policy=doc(read_all('d-blocked')))
s3.put_bucket_acl(Bucket='d-blocked', ACL='public-read')
s3.put_public_access_block(Bucket='d-blocked', PublicAccessBlockConfiguration=BLOCK_ALL)
# Public ACL ignored (IgnorePublicAcls) but the public policy is not restricted: still public.
bucket('d-acls-ignored')
s3.put_bucket_acl(Bucket='d-acls-ignored', ACL='public-read')
s3.put_bucket_policy(Bucket='d-acls-ignored', Policy=doc(read_all('d-acls-ignored')))
s3.put_public_access_block(Bucket='d-acls-ignored', PublicAccessBlockConfiguration={**BLOCK_NONE, 'IgnorePublicAcls': True})
# Public policy restricted (RestrictPublicBuckets) and no public ACL: not public, though not every setting is on.
bucket('d-policy-restricted')
s3.put_bucket_policy(Bucket='d-policy-restricted', Policy=doc(read_all('d-policy-restricted')))
s3.put_public_access_block(Bucket='d-policy-restricted', PublicAccessBlockConfiguration={**BLOCK_NONE, 'RestrictPublicBuckets': True})
# Shared with a named partner account, and with "*" but only inside one organization: neither is public.
bucket('d-cross-account')
s3.put_bucket_policy(Bucket='d-cross-account', Policy=doc({'Effect': 'Allow', 'Principal': {'AWS': f'arn:aws:iam::{PARTNER}:root'}, 'Action': ['s3:GetObject', 's3:ListBucket'], 'Resource': ['arn:aws:s3:::d-cross-account', 'arn:aws:s3:::d-cross-account/*']}))
bucket('d-org-only')
s3.put_bucket_policy(Bucket='d-org-only', Policy=doc({**read_all('d-org-only'), 'Condition': {'StringEquals': {'aws:PrincipalOrgID': 'o-abc123def4'}}}))
# Open to "*", but everything outside one VPC endpoint is denied: reachable through that endpoint only.
bucket('d-vpce-only')
s3.put_bucket_policy(Bucket='d-vpce-only', Policy=doc(read_all('d-vpce-only'), {'Sid': 'OnlyThroughEndpoint', 'Effect': 'Deny', 'Principal': '*', 'Action': 's3:*', 'Resource': ['arn:aws:s3:::d-vpce-only', 'arn:aws:s3:::d-vpce-only/*'], 'Condition': {'StringNotEquals': {'aws:SourceVpce': 'vpce-0a1b2c3d4e5f67890'}}}))
# "Restricting" conditions that restrict nothing: any organization, any source IP.
bucket('d-any-org')
s3.put_bucket_policy(Bucket='d-any-org', Policy=doc({**read_all('d-any-org'), 'Condition': {'StringLike': {'aws:PrincipalOrgID': '*'}}}))
bucket('d-any-ip')
s3.put_bucket_policy(Bucket='d-any-ip', Policy=doc({**read_all('d-any-ip'), 'Condition': {'IpAddress': {'aws:SourceIp': '0.0.0.0/0'}}}))
# Everything right: HTTPS only, SSE-KMS, versioning, access logs, ACLs disabled, blocked.
kms = c('kms')
bucket_key = kms.create_key(Description='bucket key')['KeyMetadata']['Arn']
bucket('d-logs', ownership='BucketOwnerPreferred', block=BLOCK_ALL)
s3.put_bucket_acl(Bucket='d-logs', ACL='log-delivery-write')
bucket('d-secure', ownership='BucketOwnerEnforced', block=BLOCK_ALL)
s3.put_bucket_policy(Bucket='d-secure', Policy=doc(https_only('d-secure')))
s3.put_bucket_encryption(Bucket='d-secure', ServerSideEncryptionConfiguration={'Rules': [{'ApplyServerSideEncryptionByDefault': {'SSEAlgorithm': 'aws:kms', 'KMSMasterKeyID': bucket_key}, 'BucketKeyEnabled': True}]})
s3.put_bucket_versioning(Bucket='d-secure', VersioningConfiguration={'Status': 'Enabled'})
s3.put_bucket_logging(Bucket='d-secure', BucketLoggingStatus={'LoggingEnabled': {'TargetBucket': 'd-logs', 'TargetPrefix': 'd-secure/'}})
# SSE-S3 only, versioning suspended, an HTTPS rule that covers only PutObject, ACLs still enabled.
bucket('d-sse-s3', block=BLOCK_ALL)
s3.put_bucket_encryption(Bucket='d-sse-s3', ServerSideEncryptionConfiguration={'Rules': [{'ApplyServerSideEncryptionByDefault': {'SSEAlgorithm': 'AES256'}}]})
s3.put_bucket_versioning(Bucket='d-sse-s3', VersioningConfiguration={'Status': 'Enabled'})
s3.put_bucket_versioning(Bucket='d-sse-s3', VersioningConfiguration={'Status': 'Suspended'})
s3.put_bucket_policy(Bucket='d-sse-s3', Policy=doc(https_only('d-sse-s3', Action='s3:PutObject')))
# HTTPS only written the other common ways: Principal {"AWS": "*"}, Action list with "s3:*", BoolIfExists... (eu-west-1).
eu = bucket('d-eu-https', region='eu-west-1', block=BLOCK_ALL, ownership='BucketOwnerEnforced')
eu.put_bucket_policy(Bucket='d-eu-https', Policy=doc(https_only('d-eu-https', Principal={'AWS': '*'}, Action=['s3:*'])))

# ---- KMS ----
def key_policy(*extra):
    return doc({'Sid': 'Root', 'Effect': 'Allow', 'Principal': {'AWS': f'arn:aws:iam::{ACCOUNT}:root'}, 'Action': 'kms:*', 'Resource': '*'}, *extra)


rotated = kms.create_key(Description='rotated')['KeyMetadata']['KeyId']
kms.enable_key_rotation(KeyId=rotated)
ids['keyRotated'] = rotated
ids['keyNotRotated'] = bucket_key.split('/')[-1]
ids['keyPublic'] = kms.create_key(Description='public', Policy=key_policy({'Sid': 'Everyone', 'Effect': 'Allow', 'Principal': {'AWS': '*'}, 'Action': ['kms:Decrypt', 'kms:DescribeKey'], 'Resource': '*'}))['KeyMetadata']['KeyId']
ids['keyViaAccount'] = kms.create_key(Description='callers of this account', Policy=key_policy({'Sid': 'Account', 'Effect': 'Allow', 'Principal': {'AWS': '*'}, 'Action': ['kms:Encrypt', 'kms:Decrypt'], 'Resource': '*', 'Condition': {'StringEquals': {'kms:CallerAccount': ACCOUNT, 'kms:ViaService': 's3.us-east-1.amazonaws.com'}}}))['KeyMetadata']['KeyId']
doomed = kms.create_key(Description='doomed')['KeyMetadata']['KeyId']
kms.schedule_key_deletion(KeyId=doomed, PendingWindowInDays=7)
ids['keyPendingDeletion'] = doomed
ids['keyAsymmetric'] = kms.create_key(Description='signing', KeyUsage='SIGN_VERIFY', KeySpec='RSA_2048')['KeyMetadata']['KeyId']

# ---- RDS ----
rds = c('rds')
ec2 = c('ec2')
vpc = ec2.create_vpc(CidrBlock='10.9.0.0/16')['Vpc']['VpcId']
subnets = [ec2.create_subnet(VpcId=vpc, CidrBlock=f'10.9.{n}.0/24', AvailabilityZone=f'us-east-1{zone}')['Subnet']['SubnetId'] for n, zone in ((1, 'a'), (2, 'b'))]
igw = ec2.create_internet_gateway()['InternetGateway']['InternetGatewayId']
ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)
routes = ec2.create_route_table(VpcId=vpc)['RouteTable']['RouteTableId']
ec2.create_route(RouteTableId=routes, DestinationCidrBlock='0.0.0.0/0', GatewayId=igw)
for subnet in subnets:
    ec2.associate_route_table(RouteTableId=routes, SubnetId=subnet)
postgres_open = ec2.create_security_group(GroupName='d-postgres-open', Description='postgres from anywhere', VpcId=vpc)['GroupId']
ec2.authorize_security_group_ingress(GroupId=postgres_open, IpPermissions=[{'IpProtocol': 'tcp', 'FromPort': 5432, 'ToPort': 5432, 'IpRanges': [{'CidrIp': '0.0.0.0/0'}]}])
rds.create_db_subnet_group(DBSubnetGroupName='d-subnets', DBSubnetGroupDescription='two zones', SubnetIds=subnets)
# Public, in public subnets, its security group open to the internet on its port: exposed.
rds.create_db_instance(DBInstanceIdentifier='d-exposed-db', DBInstanceClass='db.t3.micro', Engine='postgres', MasterUsername='appadmin', MasterUserPassword='password123', AllocatedStorage=20, PubliclyAccessible=True, DBSubnetGroupName='d-subnets', VpcSecurityGroupIds=[postgres_open], StorageEncrypted=True, KmsKeyId=rotated, BackupRetentionPeriod=7)
# Created without a subnet group: moto then answers none (AWS would name the default VPC's).
rds.create_db_instance(DBInstanceIdentifier='d-public-db', DBInstanceClass='db.t3.micro', Engine='postgres', MasterUsername='postgres', MasterUserPassword='password123', AllocatedStorage=20, PubliclyAccessible=True, StorageEncrypted=False, BackupRetentionPeriod=0)
rds.create_db_instance(DBInstanceIdentifier='d-private-db', DBInstanceClass='db.t3.micro', Engine='postgres', MasterUsername='appadmin', MasterUserPassword='password123', AllocatedStorage=20, PubliclyAccessible=False, DBSubnetGroupName='d-subnets', StorageEncrypted=True, KmsKeyId=rotated, BackupRetentionPeriod=7, DeletionProtection=True, MultiAZ=True)
rds.create_db_snapshot(DBInstanceIdentifier='d-public-db', DBSnapshotIdentifier='d-public-snap')
rds.modify_db_snapshot_attribute(DBSnapshotIdentifier='d-public-snap', AttributeName='restore', ValuesToAdd=['all'])
rds.create_db_snapshot(DBInstanceIdentifier='d-private-db', DBSnapshotIdentifier='d-shared-snap')
rds.modify_db_snapshot_attribute(DBSnapshotIdentifier='d-shared-snap', AttributeName='restore', ValuesToAdd=[PARTNER])
rds.create_db_cluster(DBClusterIdentifier='d-plain-cluster', Engine='aurora-postgresql', MasterUsername='postgres', MasterUserPassword='password123', StorageEncrypted=False)
rds.create_db_cluster(DBClusterIdentifier='d-encrypted-cluster', Engine='aurora-postgresql', MasterUsername='clusteradmin', MasterUserPassword='password123', StorageEncrypted=True, KmsKeyId=rotated)
rds.create_db_cluster_snapshot(DBClusterIdentifier='d-plain-cluster', DBClusterSnapshotIdentifier='d-public-cluster-snap')
rds.modify_db_cluster_snapshot_attribute(DBClusterSnapshotIdentifier='d-public-cluster-snap', AttributeName='restore', ValuesToAdd=['all'])
rds.create_db_cluster_snapshot(DBClusterIdentifier='d-encrypted-cluster', DBClusterSnapshotIdentifier='d-private-cluster-snap')

# ---- EFS ----
efs = c('efs')
open_fs = efs.create_file_system(CreationToken='d-open', Encrypted=False, Tags=[{'Key': 'Name', 'Value': 'd-open'}])['FileSystemId']
efs.put_file_system_policy(FileSystemId=open_fs, Policy=doc({'Effect': 'Allow', 'Principal': {'AWS': '*'}, 'Action': ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'], 'Resource': f'arn:aws:elasticfilesystem:us-east-1:{ACCOUNT}:file-system/{open_fs}'}))
mount_only = efs.create_file_system(CreationToken='d-mount-target', Encrypted=True, Tags=[{'Key': 'Name', 'Value': 'd-mount-target'}])['FileSystemId']
efs.put_file_system_policy(FileSystemId=mount_only, Policy=doc({'Effect': 'Allow', 'Principal': {'AWS': '*'}, 'Action': 'elasticfilesystem:ClientMount', 'Resource': '*', 'Condition': {'Bool': {'elasticfilesystem:AccessedViaMountTarget': 'true'}}}))
no_policy = efs.create_file_system(CreationToken='d-no-policy', Encrypted=True, KmsKeyId=rotated)['FileSystemId']
ids.update(efsOpen=open_fs, efsMountTarget=mount_only, efsNoPolicy=no_policy)

# ---- ECR ----
ecr = c('ecr')
ecr.create_repository(repositoryName='d-loose', imageTagMutability='MUTABLE', imageScanningConfiguration={'scanOnPush': False})
ecr.set_repository_policy(repositoryName='d-loose', policyText=doc({'Sid': 'AnyonePulls', 'Effect': 'Allow', 'Principal': '*', 'Action': ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer']}))
ecr.create_repository(repositoryName='d-tight', imageTagMutability='IMMUTABLE', imageScanningConfiguration={'scanOnPush': True})
ecr.set_repository_policy(repositoryName='d-tight', policyText=doc({'Sid': 'PartnerPulls', 'Effect': 'Allow', 'Principal': {'AWS': f'arn:aws:iam::{PARTNER}:root'}, 'Action': ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer']}))
ecr.create_repository(repositoryName='d-no-policy')
# Scan on push off on the repository, on for it at registry level.
ecr.put_registry_scanning_configuration(scanType='BASIC', rules=[{'scanFrequency': 'SCAN_ON_PUSH', 'repositoryFilters': [{'filter': 'd-registry-*', 'filterType': 'WILDCARD'}]}])
ecr.create_repository(repositoryName='d-registry-scanned', imageScanningConfiguration={'scanOnPush': False})

# ---- SNS ----
sns = c('sns')
public_topic = sns.create_topic(Name='d-public-topic')['TopicArn']
sns.set_topic_attributes(TopicArn=public_topic, AttributeName='Policy', AttributeValue=doc({'Sid': 'AnyonePublishes', 'Effect': 'Allow', 'Principal': {'AWS': '*'}, 'Action': 'SNS:Publish', 'Resource': public_topic}))
sns.create_topic(Name='d-default-topic')
sns.create_topic(Name='d-encrypted-topic', Attributes={'KmsMasterKeyId': 'alias/aws/sns', 'LambdaFailureFeedbackRoleArn': f'arn:aws:iam::{ACCOUNT}:role/sns-feedback'})

# ---- Lambda ----
iam = c('iam')
role = iam.create_role(RoleName='d-fn-role', AssumeRolePolicyDocument=doc({'Effect': 'Allow', 'Principal': {'Service': 'lambda.amazonaws.com'}, 'Action': 'sts:AssumeRole'}))['Role']['Arn']
buf = io.BytesIO()
with zipfile.ZipFile(buf, 'w') as archive:
    archive.writestr('index.py', 'def handler(event, context):\n    return {}\n')
code = buf.getvalue()
lam = c('lambda')


def function(name, runtime='python3.12'):
    return lam.create_function(FunctionName=name, Runtime=runtime, Role=role, Handler='index.handler', Code={'ZipFile': code})['FunctionArn']


function('d-public-fn')
lam.add_permission(FunctionName='d-public-fn', StatementId='anyone', Action='lambda:InvokeFunction', Principal='*')
function('d-s3-fn')
lam.add_permission(FunctionName='d-s3-fn', StatementId='from-bucket', Action='lambda:InvokeFunction', Principal='s3.amazonaws.com', SourceArn='arn:aws:s3:::d-secure', SourceAccount=ACCOUNT)
function('d-url-open')
lam.create_function_url_config(FunctionName='d-url-open', AuthType='NONE')
lam.add_permission(FunctionName='d-url-open', StatementId='url', Action='lambda:InvokeFunctionUrl', Principal='*', FunctionUrlAuthType='NONE')
function('d-url-iam')
lam.create_function_url_config(FunctionName='d-url-iam', AuthType='AWS_IAM')
function('d-old-runtime', runtime='python3.8')
# The open URL is on the alias only: the unqualified function has none.
function('d-alias-url')
version = lam.publish_version(FunctionName='d-alias-url')['Version']
lam.create_alias(FunctionName='d-alias-url', Name='live', FunctionVersion=version)
lam.create_function_url_config(FunctionName='d-alias-url', Qualifier='live', AuthType='NONE')

print(json.dumps(ids))
