# An estate of containers, APIs and an organization for the workloads end-to-end test (workloads.test.ts): EKS
# clusters (public to the world / public to one range / private; logging, secrets encryption, old and current
# versions), ECS clusters, task definitions and services, API Gateway REST and HTTP APIs with the Lambda
# functions they trigger, and an organization with one member account.
# Usage: python3 workloads_estate.py http://127.0.0.1:PORT   (prints one JSON line with the ids it created)
import io, json, sys, zipfile

import boto3

E = sys.argv[1] if len(sys.argv) > 1 else 'http://127.0.0.1:5415'
ACCOUNT = '123456789012'


session = boto3.session.Session()


def c(service, region='us-east-1'):
    return session.client(service, endpoint_url=E, region_name=region, aws_access_key_id='testing',
                          aws_secret_access_key='testing')


ids = {}

iam = c('iam')
trust = lambda service: json.dumps({'Version': '2012-10-17', 'Statement': [
    {'Effect': 'Allow', 'Principal': {'Service': service}, 'Action': 'sts:AssumeRole'}]})
eks_role = iam.create_role(RoleName='eks-cluster-role', AssumeRolePolicyDocument=trust('eks.amazonaws.com'))['Role']['Arn']
task_role = iam.create_role(RoleName='ecs-task-role', AssumeRolePolicyDocument=trust('ecs-tasks.amazonaws.com'))['Role']['Arn']
fn_role = iam.create_role(RoleName='fn-role', AssumeRolePolicyDocument=trust('lambda.amazonaws.com'))['Role']['Arn']

# --- network for the clusters and services
ec2 = c('ec2')
vpc = ec2.create_vpc(CidrBlock='10.20.0.0/16')['Vpc']['VpcId']
subnet_a = ec2.create_subnet(VpcId=vpc, CidrBlock='10.20.1.0/24', AvailabilityZone='us-east-1a')['Subnet']['SubnetId']
subnet_b = ec2.create_subnet(VpcId=vpc, CidrBlock='10.20.2.0/24', AvailabilityZone='us-east-1b')['Subnet']['SubnetId']
sg = ec2.create_security_group(GroupName='workloads', Description='workloads', VpcId=vpc)['GroupId']
kms = c('kms')
key = kms.create_key(Description='eks secrets')['KeyMetadata']['Arn']

# --- EKS
eks = c('eks')
# Public endpoint open to the whole internet, no control-plane logs, no secrets encryption, long unsupported version.
eks.create_cluster(name='eks-open', version='1.24', roleArn=eks_role,
                   resourcesVpcConfig={'subnetIds': [subnet_a, subnet_b], 'securityGroupIds': [sg],
                                       'endpointPublicAccess': True, 'endpointPrivateAccess': False,
                                       'publicAccessCidrs': ['0.0.0.0/0']})
# Public endpoint limited to one office range; audit logs on; secrets encrypted with a KMS key.
eks.create_cluster(name='eks-office', version='1.33', roleArn=eks_role,
                   resourcesVpcConfig={'subnetIds': [subnet_a, subnet_b], 'securityGroupIds': [sg],
                                       'endpointPublicAccess': True, 'endpointPrivateAccess': True,
                                       'publicAccessCidrs': ['203.0.113.0/24']},
                   logging={'clusterLogging': [{'types': ['api', 'audit', 'authenticator'], 'enabled': True},
                                               {'types': ['controllerManager', 'scheduler'], 'enabled': False}]},
                   encryptionConfig=[{'resources': ['secrets'], 'provider': {'keyArn': key}}])
# Private endpoint only, everything on, current version.
eks.create_cluster(name='eks-private', version='1.34', roleArn=eks_role,
                   resourcesVpcConfig={'subnetIds': [subnet_a, subnet_b], 'securityGroupIds': [sg],
                                       'endpointPublicAccess': False, 'endpointPrivateAccess': True},
                   logging={'clusterLogging': [{'types': ['api', 'audit', 'authenticator', 'controllerManager',
                                                          'scheduler'], 'enabled': True}]},
                   encryptionConfig=[{'resources': ['secrets'], 'provider': {'keyArn': key}}])
# Everything left to EKS's defaults (moto answers with only what was given: no endpoint settings, Kubernetes 1.19).
eks.create_cluster(name='eks-defaults', roleArn=eks_role, resourcesVpcConfig={'subnetIds': [subnet_a, subnet_b]})
# Logging enabled, but not for the audit log type.
eks.create_cluster(name='eks-noaudit', version='1.32', roleArn=eks_role,
                   resourcesVpcConfig={'subnetIds': [subnet_a], 'endpointPublicAccess': False,
                                       'endpointPrivateAccess': True},
                   logging={'clusterLogging': [{'types': ['api', 'authenticator'], 'enabled': True},
                                               {'types': ['audit'], 'enabled': False}]})

# --- ECS
ecs = c('ecs')
ecs.create_cluster(clusterName='prod', settings=[{'name': 'containerInsights', 'value': 'enabled'}])
ecs.create_cluster(clusterName='dev')
awslogs = {'logDriver': 'awslogs', 'options': {'awslogs-group': '/ecs/web', 'awslogs-region': 'us-east-1',
                                               'awslogs-stream-prefix': 'web'}}
# Hardened: non-root user, read-only root filesystem, secrets from Secrets Manager, logs shipped.
ecs.register_task_definition(family='web-hardened', taskRoleArn=task_role, executionRoleArn=task_role,
                             networkMode='awsvpc', requiresCompatibilities=['FARGATE'], cpu='256', memory='512',
                             containerDefinitions=[{
                                 'name': 'web', 'image': 'public.ecr.aws/nginx/nginx:1.27', 'user': '1000:1000',
                                 'readonlyRootFilesystem': True, 'logConfiguration': awslogs,
                                 'environment': [{'name': 'LOG_LEVEL', 'value': 'info'},
                                                 {'name': 'DB_PASSWORD_ARN', 'value':
                                                  f'arn:aws:secretsmanager:us-east-1:{ACCOUNT}:secret:db-AbCdEf'}],
                                 'secrets': [{'name': 'DB_PASSWORD', 'valueFrom':
                                              f'arn:aws:secretsmanager:us-east-1:{ACCOUNT}:secret:db-AbCdEf'}]}])
# Everything wrong: privileged, host network and PID namespace, root user, writable root, AWS keys in plain env.
ecs.register_task_definition(family='legacy-agent', networkMode='host', pidMode='host',
                             containerDefinitions=[{
                                 'name': 'agent', 'image': 'example/agent:latest', 'memory': 256,
                                 'privileged': True, 'user': 'root', 'readonlyRootFilesystem': False,
                                 'environment': [{'name': 'AWS_ACCESS_KEY_ID', 'value': 'AKIAIOSFODNN7EXAMPLE'},
                                                 {'name': 'AWS_SECRET_ACCESS_KEY',
                                                  'value': 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'}]}])
# Host networking with a non-root user (FSBP ECS.1 accepts it), no user given on the sidecar: root by default.
ecs.register_task_definition(family='host-nonroot', networkMode='host',
                             containerDefinitions=[{'name': 'exporter', 'image': 'prom/node-exporter', 'memory': 128,
                                                    'user': '65534', 'readonlyRootFilesystem': True,
                                                    'logConfiguration': awslogs}])
ecs.register_task_definition(family='host-default-user', networkMode='host',
                             containerDefinitions=[{'name': 'sidecar', 'image': 'busybox', 'memory': 64,
                                                    'logConfiguration': awslogs}])
# A plain database password in the environment (not one of the AWS keys).
ecs.register_task_definition(family='billing', networkMode='awsvpc', requiresCompatibilities=['FARGATE'], cpu='256',
                             memory='512', containerDefinitions=[{
                                 'name': 'billing', 'image': 'example/billing:3', 'user': '1000',
                                 'readonlyRootFilesystem': True, 'logConfiguration': awslogs,
                                 'environment': [{'name': 'DB_PASSWORD', 'value': 'Sup3rS3cret!'}]}])
# Two revisions: the old one had the secret in its environment, the latest does not.
ecs.register_task_definition(family='worker', containerDefinitions=[{
    'name': 'worker', 'image': 'example/worker:1', 'memory': 128,
    'environment': [{'name': 'AWS_SECRET_ACCESS_KEY', 'value': 'old'}]}])
ecs.register_task_definition(family='worker', containerDefinitions=[{
    'name': 'worker', 'image': 'example/worker:2', 'memory': 128, 'readonlyRootFilesystem': True,
    'logConfiguration': awslogs}])
net = lambda public: {'awsvpcConfiguration': {'subnets': [subnet_a], 'securityGroups': [sg],
                                              'assignPublicIp': 'ENABLED' if public else 'DISABLED'}}
ecs.create_service(cluster='prod', serviceName='web-public', taskDefinition='web-hardened', desiredCount=1,
                   launchType='FARGATE', platformVersion='1.3.0', networkConfiguration=net(True))
ecs.create_service(cluster='prod', serviceName='web-private', taskDefinition='web-hardened', desiredCount=1,
                   launchType='FARGATE', platformVersion='LATEST', networkConfiguration=net(False))
ecs.create_service(cluster='dev', serviceName='agent', taskDefinition='legacy-agent', desiredCount=1,
                   launchType='EC2')

# --- Lambda functions behind the APIs
lam = c('lambda')
buf = io.BytesIO()
with zipfile.ZipFile(buf, 'w') as z:
    z.writestr('index.py', 'def handler(event, context):\n    return {"statusCode": 200}\n')
code = buf.getvalue()
fns = {}
for name in ['edge-fn', 'regional-fn', 'private-fn', 'draft-fn', 'partner-fn', 'http-open-fn', 'http-jwt-fn',
             'ws-fn', 'unused-fn']:
    fns[name] = lam.create_function(FunctionName=name, Runtime='python3.12', Role=fn_role, Handler='index.handler',
                                    Code={'ZipFile': code})['FunctionArn']


def invoke_uri(fn):
    return f'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{fns[fn]}/invocations'


# --- API Gateway REST APIs
apigw = c('apigateway')
logs = c('logs')
logs.create_log_group(logGroupName='/apigw/access')
log_arn = f'arn:aws:logs:us-east-1:{ACCOUNT}:log-group:/apigw/access'


def rest_api(name, endpoint, fn, auth='NONE', **extra):
    api = apigw.create_rest_api(name=name, endpointConfiguration={'types': [endpoint]}, **extra)['id']
    root = [r for r in apigw.get_resources(restApiId=api)['items'] if r['path'] == '/'][0]['id']
    res = apigw.create_resource(restApiId=api, parentId=root, pathPart='orders')['id']
    apigw.put_method(restApiId=api, resourceId=res, httpMethod='GET', authorizationType=auth)
    apigw.put_integration(restApiId=api, resourceId=res, httpMethod='GET', type='AWS_PROXY',
                          integrationHttpMethod='POST', uri=invoke_uri(fn))
    ids[name] = api
    return api


# Edge API, prod stage with nothing: no execution logs, no access logs, no tracing, no WAF, no client certificate.
edge = rest_api('orders-edge', 'EDGE', 'edge-fn')
apigw.create_deployment(restApiId=edge, stageName='prod')
# Regional API, its stage with execution and access logs, X-Ray and a WAF web ACL.
regional = rest_api('orders-regional', 'REGIONAL', 'regional-fn', auth='AWS_IAM')
apigw.create_deployment(restApiId=regional, stageName='prod', tracingEnabled=True)
apigw.update_stage(restApiId=regional, stageName='prod', patchOperations=[
    {'op': 'replace', 'path': '/*/*/logging/loglevel', 'value': 'INFO'},
    {'op': 'replace', 'path': '/accessLogSettings/destinationArn', 'value': log_arn},
    {'op': 'replace', 'path': '/accessLogSettings/format', 'value': '$context.requestId'}])
waf = c('wafv2')
acl = waf.create_web_acl(Name='api-acl', Scope='REGIONAL', DefaultAction={'Allow': {}},
                         VisibilityConfig={'SampledRequestsEnabled': False, 'CloudWatchMetricsEnabled': False,
                                           'MetricName': 'api-acl'}, Rules=[])['Summary']['ARN']
waf.associate_web_acl(WebACLArn=acl, ResourceArn=f'arn:aws:apigateway:us-east-1::/restapis/{regional}/stages/prod')
# Private API: reachable only through VPC endpoints.
private = rest_api('orders-private', 'PRIVATE', 'private-fn')
apigw.create_deployment(restApiId=private, stageName='prod')

# Regional, but its resource policy lets in one partner range only.
partner = rest_api('orders-partner', 'REGIONAL', 'partner-fn', policy=json.dumps({
    'Version': '2012-10-17', 'Statement': [{
        'Effect': 'Allow', 'Principal': '*', 'Action': 'execute-api:Invoke', 'Resource': 'execute-api:/*',
        'Condition': {'IpAddress': {'aws:SourceIp': ['198.51.100.0/24']}}}]}))
apigw.create_deployment(restApiId=partner, stageName='prod')
# Created but never deployed: no stage answers on the internet.
rest_api('orders-draft', 'REGIONAL', 'draft-fn')

# --- HTTP APIs
v2 = c('apigatewayv2')
http_open = v2.create_api(Name='http-open', ProtocolType='HTTP')['ApiId']
integ = v2.create_integration(ApiId=http_open, IntegrationType='AWS_PROXY', IntegrationUri=fns['http-open-fn'],
                              PayloadFormatVersion='2.0')['IntegrationId']
v2.create_route(ApiId=http_open, RouteKey='GET /items', Target=f'integrations/{integ}')
v2.create_stage(ApiId=http_open, StageName='$default', AutoDeploy=True)
ids['http-open'] = http_open

http_jwt = v2.create_api(Name='http-jwt', ProtocolType='HTTP')['ApiId']
integ = v2.create_integration(ApiId=http_jwt, IntegrationType='AWS_PROXY', IntegrationUri=fns['http-jwt-fn'],
                              PayloadFormatVersion='2.0')['IntegrationId']
authz = v2.create_authorizer(ApiId=http_jwt, Name='cognito', AuthorizerType='JWT',
                             IdentitySource=['$request.header.Authorization'],
                             JwtConfiguration={'Audience': ['app'],
                                               'Issuer': 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Example'})['AuthorizerId']
v2.create_route(ApiId=http_jwt, RouteKey='GET /items', Target=f'integrations/{integ}', AuthorizationType='JWT',
                AuthorizerId=authz)
v2.create_stage(ApiId=http_jwt, StageName='$default', AutoDeploy=True,
                AccessLogSettings={'DestinationArn': log_arn, 'Format': '$context.requestId'})
ids['http-jwt'] = http_jwt

# --- WebSocket APIs: one authorizes $connect with IAM and logs its stage, the other neither.
def websocket(name, connect_auth, logging_level):
    api = v2.create_api(Name=name, ProtocolType='WEBSOCKET', RouteSelectionExpression='$request.body.action')['ApiId']
    integ = v2.create_integration(ApiId=api, IntegrationType='AWS_PROXY', IntegrationUri=invoke_uri('ws-fn'))
    for key in ['$connect', 'sendmessage']:
        v2.create_route(ApiId=api, RouteKey=key, Target=f"integrations/{integ['IntegrationId']}",
                        AuthorizationType=connect_auth if key == '$connect' else 'NONE')
    settings = {'LoggingLevel': logging_level} if logging_level else {}
    v2.create_stage(ApiId=api, StageName='prod', DefaultRouteSettings=settings)
    ids[name] = api


websocket('ws-chat', 'AWS_IAM', 'INFO')
websocket('ws-feed', 'NONE', None)

# --- Organizations: this account is the management account, with one member.
org = c('organizations')
org.create_organization(FeatureSet='ALL')
status = org.create_account(AccountName='workloads-prod', Email='prod@example.com')['CreateAccountStatus']
ids['member'] = status['AccountId']

print(json.dumps(ids))
