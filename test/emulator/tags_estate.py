"""Seeds moto_server (URL in argv[1]) with a tagged and an untagged trail, log group, SNS topic, Lambda function
and ECR repository, and a tagged alarm, for test/emulator/tags.test.ts."""
import io
import json
import sys
import zipfile

import boto3

url = sys.argv[1]
ACCOUNT = '123456789012'


def c(service, region='us-east-1'):
    return boto3.client(service, region_name=region, endpoint_url=url,
                        aws_access_key_id='testing', aws_secret_access_key='testing')


c('s3').create_bucket(Bucket='trail-bucket')
c('iam').create_role(RoleName='fn-role', AssumeRolePolicyDocument=json.dumps({
    'Version': '2012-10-17',
    'Statement': [{'Effect': 'Allow', 'Principal': {'Service': 'lambda.amazonaws.com'}, 'Action': 'sts:AssumeRole'}],
}))
ct = c('cloudtrail')
ct.create_trail(Name='tagged-trail', S3BucketName='trail-bucket', IsMultiRegionTrail=True,
                TagsList=[{'Key': 'Environment', 'Value': 'production'}, {'Key': 'Owner', 'Value': 'security'}])
ct.create_trail(Name='plain-trail', S3BucketName='trail-bucket')
logs = c('logs')
logs.create_log_group(logGroupName='tagged-group', tags={'Environment': 'production'})
logs.create_log_group(logGroupName='plain-group')
sns = c('sns')
sns.create_topic(Name='tagged-topic', Tags=[{'Key': 'Owner', 'Value': 'secops'}])
sns.create_topic(Name='plain-topic')
c('cloudwatch').put_metric_alarm(
    AlarmName='tagged-alarm', MetricName='RootUsage', Namespace='CIS', Statistic='Sum', Period=300,
    EvaluationPeriods=1, Threshold=1, ComparisonOperator='GreaterThanOrEqualToThreshold',
    Tags=[{'Key': 'Owner', 'Value': 'ops'}])
ecr = c('ecr')
ecr.create_repository(repositoryName='shop/tagged', tags=[{'Key': 'Environment', 'Value': 'staging'}])
ecr.create_repository(repositoryName='plain-repo')
buf = io.BytesIO()
with zipfile.ZipFile(buf, 'w') as archive:
    archive.writestr('index.py', 'def handler(event, context):\n    return 1\n')
lam = c('lambda')
for name, tags in (('tagged-fn', {'Owner': 'orders-team'}), ('plain-fn', {})):
    lam.create_function(FunctionName=name, Runtime='python3.12', Role=f'arn:aws:iam::{ACCOUNT}:role/fn-role',
                        Handler='index.handler', Code={'ZipFile': buf.getvalue()}, Tags=tags)
print('seeded')
