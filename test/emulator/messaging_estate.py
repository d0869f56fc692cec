# SQS and Secrets Manager estate for the emulator suite test/emulator/messaging.test.ts, made with boto3 against
# `moto_server`: each misconfiguration the controls look for next to a resource that is fine.
# Usage: python3 messaging_estate.py http://127.0.0.1:PORT   (prints one JSON line with the ids it made)
import json, sys

import boto3

E = sys.argv[1] if len(sys.argv) > 1 else 'http://127.0.0.1:5413'
ACCOUNT = '123456789012'


def c(service, region='us-east-1'):
    return boto3.client(service, endpoint_url=E, region_name=region, aws_access_key_id='testing', aws_secret_access_key='testing')


def doc(*statements):
    return json.dumps({'Version': '2012-10-17', 'Statement': list(statements)})


sqs = c('sqs')
encrypted = sqs.create_queue(QueueName='m-encrypted', Attributes={'SqsManagedSseEnabled': 'true'})['QueueUrl']
kms_queue = sqs.create_queue(QueueName='m-kms', Attributes={'KmsMasterKeyId': 'alias/aws/sqs'})['QueueUrl']
plain = sqs.create_queue(QueueName='m-plain', Attributes={'SqsManagedSseEnabled': 'false'})['QueueUrl']
arn = lambda name: f'arn:aws:sqs:us-east-1:{ACCOUNT}:{name}'
sqs.set_queue_attributes(QueueUrl=plain, Attributes={'Policy': doc(
    {'Sid': 'open', 'Effect': 'Allow', 'Principal': '*', 'Action': 'sqs:SendMessage', 'Resource': arn('m-plain')})})
sqs.set_queue_attributes(QueueUrl=encrypted, Attributes={'Policy': doc(
    {'Sid': 'topic', 'Effect': 'Allow', 'Principal': '*', 'Action': 'sqs:SendMessage', 'Resource': arn('m-encrypted'),
     'Condition': {'ArnEquals': {'aws:SourceArn': f'arn:aws:sns:us-east-1:{ACCOUNT}:events'}}})})
sqs.tag_queue(QueueUrl=encrypted, Tags={'team': 'orders'})

sm = c('secretsmanager')
# (Rotation is left out: moto runs the rotation function, which needs a Lambda runtime.)
private = sm.create_secret(Name='m-private', SecretString='not-read-by-cloudward')['ARN']
public = sm.create_secret(Name='m-public', SecretString='not-read-by-cloudward', Tags=[{'Key': 'team', 'Value': 'api'}])['ARN']
sm.put_resource_policy(SecretId=public, ResourcePolicy=doc(
    {'Effect': 'Allow', 'Principal': '*', 'Action': 'secretsmanager:GetSecretValue', 'Resource': '*'}))
print(json.dumps({'private': private, 'public': public}))
