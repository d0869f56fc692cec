# EventBridge, Step Functions, Kinesis, SageMaker and SNS estate for the emulator suite test/emulator/workflows.test.ts,
# made with boto3 against `moto_server`: each misconfiguration the controls look for next to a resource that is fine.
# Usage: python3 workflows_estate.py http://127.0.0.1:PORT   (prints one JSON line with the ids it made)
import json, sys

import boto3

E = sys.argv[1] if len(sys.argv) > 1 else 'http://127.0.0.1:5413'
ACCOUNT = '123456789012'
R = 'us-east-1'


def c(service):
    return boto3.client(service, endpoint_url=E, region_name=R, aws_access_key_id='testing', aws_secret_access_key='testing')


def doc(*statements):
    return json.dumps({'Version': '2012-10-17', 'Statement': list(statements)})


events = c('events')
for name in ['w-open', 'w-org', 'w-bare']:
    events.create_event_bus(Name=name)
bus = lambda name: f'arn:aws:events:{R}:{ACCOUNT}:event-bus/{name}'
events.put_permission(EventBusName='w-open', Policy=doc(
    {'Sid': 'anyone', 'Effect': 'Allow', 'Principal': '*', 'Action': 'events:PutEvents', 'Resource': bus('w-open')}))
events.put_permission(EventBusName='w-org', Policy=doc(
    {'Sid': 'org', 'Effect': 'Allow', 'Principal': '*', 'Action': 'events:PutEvents', 'Resource': bus('w-org'),
     'Condition': {'StringEquals': {'aws:PrincipalOrgID': 'o-a1b2c3d4e5'}}}))
sqs = c('sqs')
queue = sqs.create_queue(QueueName='w-target')['QueueUrl']
queue_arn = f'arn:aws:sqs:{R}:{ACCOUNT}:w-target'
events.put_rule(Name='w-rule', EventBusName='w-org', EventPattern=json.dumps({'source': ['shop.orders']}))
events.put_targets(Rule='w-rule', EventBusName='w-org', Targets=[{'Id': 'queue', 'Arn': queue_arn}])

sns = c('sns')
open_topic = sns.create_topic(Name='w-open-topic')['TopicArn']
sns.set_topic_attributes(TopicArn=open_topic, AttributeName='Policy', AttributeValue=doc(
    {'Sid': 'anyone', 'Effect': 'Allow', 'Principal': {'AWS': '*'}, 'Action': 'SNS:Publish', 'Resource': open_topic}))
owner_topic = sns.create_topic(Name='w-owner-topic')['TopicArn']
sns.set_topic_attributes(TopicArn=owner_topic, AttributeName='Policy', AttributeValue=doc(
    {'Sid': 'owner', 'Effect': 'Allow', 'Principal': {'AWS': '*'}, 'Action': 'SNS:Publish', 'Resource': owner_topic,
     'Condition': {'StringEquals': {'aws:SourceAccount': ACCOUNT}}}))

iam = c('iam')
trust = lambda service: doc({'Effect': 'Allow', 'Principal': {'Service': service}, 'Action': 'sts:AssumeRole'})
states_role = iam.create_role(RoleName='w-states', AssumeRolePolicyDocument=trust('states.amazonaws.com'))['Role']['Arn']
notebook_role = iam.create_role(RoleName='w-notebook', AssumeRolePolicyDocument=trust('sagemaker.amazonaws.com'))['Role']['Arn']

sfn = c('stepfunctions')
definition = json.dumps({'StartAt': 'Done', 'States': {'Done': {'Type': 'Succeed'}}})
logged = sfn.create_state_machine(name='w-logged', definition=definition, roleArn=states_role, loggingConfiguration={
    'level': 'ERROR', 'includeExecutionData': False,
    'destinations': [{'cloudWatchLogsLogGroup': {'logGroupArn': f'arn:aws:logs:{R}:{ACCOUNT}:log-group:/w/states:*'}}]},
    tracingConfiguration={'enabled': True})['stateMachineArn']
silent = sfn.create_state_machine(name='w-silent', definition=definition, roleArn=states_role)['stateMachineArn']

kinesis = c('kinesis')
kinesis.create_stream(StreamName='w-encrypted', ShardCount=1)
kinesis.create_stream(StreamName='w-plain', ShardCount=1)
kinesis.start_stream_encryption(StreamName='w-encrypted', EncryptionType='KMS', KeyId='alias/aws/kinesis')
kinesis.increase_stream_retention_period(StreamName='w-encrypted', RetentionPeriodHours=168)
kinesis.add_tags_to_stream(StreamName='w-encrypted', Tags={'team': 'web'})

sagemaker = c('sagemaker')
sagemaker.create_notebook_instance(NotebookInstanceName='w-private', InstanceType='ml.t3.medium', RoleArn=notebook_role,
                                   SubnetId='subnet-0aaa1111bbbb2222c', SecurityGroupIds=['sg-0notebook0000001'],
                                   DirectInternetAccess='Disabled', RootAccess='Disabled')
sagemaker.create_notebook_instance(NotebookInstanceName='w-default', InstanceType='ml.t3.medium', RoleArn=notebook_role)
print(json.dumps({'logged': logged, 'silent': silent, 'openTopic': open_topic, 'ownerTopic': owner_topic}))
