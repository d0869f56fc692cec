# A small but broad estate for the moto end-to-end test (test/emulator/moto.test.ts): made with boto3 against
# `moto_server`, with the misconfigurations CIS and FSBP controls look for and some resources that are fine.
# Usage: python3 moto_estate.py http://127.0.0.1:PORT   (prints one JSON line with the ids it created)
import io, json, sys, zipfile

import boto3
E = sys.argv[1] if len(sys.argv) > 1 else 'http://127.0.0.1:5300'
ACCOUNT = '123456789012'
def c(service, region='us-east-1'):
    return boto3.client(service, endpoint_url=E, region_name=region, aws_access_key_id='testing', aws_secret_access_key='testing')

iam = c('iam')
iam.update_account_password_policy(MinimumPasswordLength=8, RequireSymbols=False, MaxPasswordAge=365)
iam.create_user(UserName='alice')
iam.create_login_profile(UserName='alice', Password='Passw0rd!x')
iam.create_access_key(UserName='alice')
iam.create_user(UserName='ci-bot', Tags=[{'Key': 'team', 'Value': 'platform'}])
iam.create_access_key(UserName='ci-bot')
admin = iam.create_policy(PolicyName='full-admin', PolicyDocument=json.dumps({'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Action': '*', 'Resource': '*'}]}))
iam.attach_user_policy(UserName='ci-bot', PolicyArn=admin['Policy']['Arn'])
iam.create_group(GroupName='admins')
iam.add_user_to_group(GroupName='admins', UserName='alice')
iam.put_group_policy(GroupName='admins', PolicyName='all', PolicyDocument=json.dumps({'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Action': '*', 'Resource': '*'}]}))
iam.create_role(RoleName='app-role', AssumeRolePolicyDocument=json.dumps({'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Principal': {'Service': 'ec2.amazonaws.com'}, 'Action': 'sts:AssumeRole'}]}))
iam.create_role(RoleName='partner-role', AssumeRolePolicyDocument=json.dumps({'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Principal': {'AWS': 'arn:aws:iam::999988887777:root'}, 'Action': 'sts:AssumeRole'}]}))
iam.create_role(RoleName='CloudwardReadOnly', AssumeRolePolicyDocument=json.dumps({'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Principal': {'AWS': f'arn:aws:iam::{ACCOUNT}:root'}, 'Action': 'sts:AssumeRole', 'Condition': {'StringEquals': {'sts:ExternalId': 'moto-external-id'}}}]}))
iam.create_instance_profile(InstanceProfileName='app-profile')
iam.add_role_to_instance_profile(InstanceProfileName='app-profile', RoleName='app-role')
pol = iam.create_policy(PolicyName='s3-read', PolicyDocument=json.dumps({'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Action': 's3:GetObject', 'Resource': '*'}]}))
iam.attach_role_policy(RoleName='app-role', PolicyArn=pol['Policy']['Arn'])

s3 = c('s3')
s3.create_bucket(Bucket='public-site')
s3.put_public_access_block(Bucket='public-site', PublicAccessBlockConfiguration={'BlockPublicAcls': False, 'IgnorePublicAcls': False, 'BlockPublicPolicy': False, 'RestrictPublicBuckets': False})
s3.put_bucket_policy(Bucket='public-site', Policy=json.dumps({'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Principal': '*', 'Action': 's3:GetObject', 'Resource': 'arn:aws:s3:::public-site/*'}]}))
s3.create_bucket(Bucket='logs-eu', CreateBucketConfiguration={'LocationConstraint': 'eu-west-1'})
s3.put_bucket_versioning(Bucket='logs-eu', VersioningConfiguration={'Status': 'Enabled'})
s3.put_bucket_encryption(Bucket='logs-eu', ServerSideEncryptionConfiguration={'Rules': [{'ApplyServerSideEncryptionByDefault': {'SSEAlgorithm': 'aws:kms'}}]})
s3.create_bucket(Bucket='trail-bucket')

ec2 = c('ec2')
vpc = ec2.create_vpc(CidrBlock='10.0.0.0/16')['Vpc']['VpcId']
subnet = ec2.create_subnet(VpcId=vpc, CidrBlock='10.0.1.0/24', AvailabilityZone='us-east-1a')['Subnet']['SubnetId']
subnet_b = ec2.create_subnet(VpcId=vpc, CidrBlock='10.0.2.0/24', AvailabilityZone='us-east-1b')['Subnet']['SubnetId']
igw = ec2.create_internet_gateway()['InternetGateway']['InternetGatewayId']
ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)
rt = ec2.create_route_table(VpcId=vpc)['RouteTable']['RouteTableId']
ec2.create_route(RouteTableId=rt, DestinationCidrBlock='0.0.0.0/0', GatewayId=igw)
ec2.associate_route_table(RouteTableId=rt, SubnetId=subnet)
ssh = ec2.create_security_group(GroupName='ssh-open', Description='ssh from anywhere', VpcId=vpc)['GroupId']
ec2.authorize_security_group_ingress(GroupId=ssh, IpPermissions=[{'IpProtocol': 'tcp', 'FromPort': 22, 'ToPort': 22, 'IpRanges': [{'CidrIp': '0.0.0.0/0'}]}])
web = ec2.create_security_group(GroupName='web', Description='https', VpcId=vpc)['GroupId']
ec2.authorize_security_group_ingress(GroupId=web, IpPermissions=[{'IpProtocol': 'tcp', 'FromPort': 443, 'ToPort': 443, 'IpRanges': [{'CidrIp': '0.0.0.0/0'}]}])
ami = ec2.describe_images()['Images'][0]['ImageId']
inst = ec2.run_instances(ImageId=ami, MinCount=1, MaxCount=1, InstanceType='t3.micro', SubnetId=subnet, SecurityGroupIds=[ssh], IamInstanceProfile={'Name': 'app-profile'}, TagSpecifications=[{'ResourceType': 'instance', 'Tags': [{'Key': 'Name', 'Value': 'bastion'}]}])['Instances'][0]['InstanceId']
eip = ec2.allocate_address(Domain='vpc')
ec2.associate_address(InstanceId=inst, AllocationId=eip['AllocationId'])
vol = ec2.create_volume(AvailabilityZone='us-east-1a', Size=8)['VolumeId']
ec2.attach_volume(VolumeId=vol, InstanceId=inst, Device='/dev/sdf')
snap = ec2.create_snapshot(VolumeId=vol)['SnapshotId']
ec2.modify_snapshot_attribute(SnapshotId=snap, Attribute='createVolumePermission', OperationType='add', GroupNames=['all'])
private_snap = ec2.create_snapshot(VolumeId=vol)['SnapshotId']

elb = c('elbv2')
lb = elb.create_load_balancer(Name='web-alb', Subnets=[subnet, subnet_b], SecurityGroups=[web], Scheme='internet-facing')['LoadBalancers'][0]['LoadBalancerArn']
tg = elb.create_target_group(Name='web-tg', Protocol='HTTP', Port=80, VpcId=vpc, TargetType='instance')['TargetGroups'][0]['TargetGroupArn']
elb.register_targets(TargetGroupArn=tg, Targets=[{'Id': inst, 'Port': 80}])
elb.create_listener(LoadBalancerArn=lb, Protocol='HTTP', Port=80, DefaultActions=[{'Type': 'forward', 'TargetGroupArn': tg}])

kms = c('kms')
key = kms.create_key(Description='app key')['KeyMetadata']['KeyId']
rotated = kms.create_key(Description='rotated key')['KeyMetadata']['KeyId']
kms.enable_key_rotation(KeyId=rotated)

logs = c('logs')
logs.create_log_group(logGroupName='trail-logs')
logs.put_metric_filter(logGroupName='trail-logs', filterName='root-usage', filterPattern='{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }', metricTransformations=[{'metricName': 'RootUsage', 'metricNamespace': 'CIS', 'metricValue': '1'}])
sns = c('sns')
topic = sns.create_topic(Name='security-alerts')['TopicArn']
sns.subscribe(TopicArn=topic, Protocol='email', Endpoint='sec@example.com')
cw = c('cloudwatch')
cw.put_metric_alarm(AlarmName='root-usage', MetricName='RootUsage', Namespace='CIS', Statistic='Sum', Period=300, EvaluationPeriods=1, Threshold=1, ComparisonOperator='GreaterThanOrEqualToThreshold', AlarmActions=[topic])

ct = c('cloudtrail')
ct.create_trail(Name='main', S3BucketName='trail-bucket', IsMultiRegionTrail=True, CloudWatchLogsLogGroupArn=f'arn:aws:logs:us-east-1:{ACCOUNT}:log-group:trail-logs:*', CloudWatchLogsRoleArn=f'arn:aws:iam::{ACCOUNT}:role/app-role')
ct.start_logging(Name='main')

rds = c('rds')
rds.create_db_instance(DBInstanceIdentifier='orders-db', DBInstanceClass='db.t3.micro', Engine='postgres', MasterUsername='admin1', MasterUserPassword='password123', AllocatedStorage=20, PubliclyAccessible=True, StorageEncrypted=False)

ecr = c('ecr')
ecr.create_repository(repositoryName='api', imageScanningConfiguration={'scanOnPush': False}, imageTagMutability='MUTABLE')

gd = c('guardduty')
gd.create_detector(Enable=True)

ec2w = c('ec2', 'eu-west-1')
sg_eu = ec2w.create_security_group(GroupName='rdp-open', Description='rdp', VpcId=ec2w.describe_vpcs()['Vpcs'][0]['VpcId'])['GroupId']
ec2w.authorize_security_group_ingress(GroupId=sg_eu, IpPermissions=[{'IpProtocol': 'tcp', 'FromPort': 3389, 'ToPort': 3389, 'IpRanges': [{'CidrIp': '0.0.0.0/0'}]}])
buf = io.BytesIO()
with zipfile.ZipFile(buf, 'w') as archive:
    archive.writestr('index.py', 'def handler(event, context):\n    return 1\n')
lam = c('lambda')
lam.create_function(FunctionName='public-fn', Runtime='python3.12', Role=f'arn:aws:iam::{ACCOUNT}:role/app-role', Handler='index.handler', Code={'ZipFile': buf.getvalue()})
lam.create_function_url_config(FunctionName='public-fn', AuthType='NONE')

print(json.dumps({'instance': inst, 'publicSnapshot': snap, 'privateSnapshot': private_snap, 'loadBalancer': lb, 'sgEu': sg_eu, 'ssh': ssh}))
