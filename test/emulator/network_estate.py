# A network and compute estate for the network end-to-end test (test/emulator/network.test.ts): made with boto3
# against `moto_server`. One VPC laid out as AWS's reference architecture (public subnet routed to an internet
# gateway, private subnet behind a NAT gateway, isolated subnet with no route out), load balancers in front of
# private instances, and each misconfiguration the EC2/VPC/ELB controls look for next to a resource that is fine.
# Usage: python3 network_estate.py http://127.0.0.1:PORT   (prints one JSON line with the ids it created)
import json, sys

import boto3
E = sys.argv[1] if len(sys.argv) > 1 else 'http://127.0.0.1:5412'
def c(service, region='us-east-1'):
    return boto3.client(service, endpoint_url=E, region_name=region, aws_access_key_id='testing', aws_secret_access_key='testing')

ids = {}
ec2 = c('ec2')
ami = ec2.describe_images(Owners=['amazon'])['Images'][0]['ImageId']
tag = lambda kind, name: [{'ResourceType': kind, 'Tags': [{'Key': 'Name', 'Value': name}]}]

# --- prod VPC: public / private (NAT) / isolated subnets ---------------------------------------------------------
vpc = ec2.create_vpc(CidrBlock='10.0.0.0/16', TagSpecifications=tag('vpc', 'prod'))['Vpc']['VpcId']
ids['prodVpc'] = vpc
pub = ec2.create_subnet(VpcId=vpc, CidrBlock='10.0.1.0/24', AvailabilityZone='us-east-1a')['Subnet']['SubnetId']
pub_b = ec2.create_subnet(VpcId=vpc, CidrBlock='10.0.2.0/24', AvailabilityZone='us-east-1b')['Subnet']['SubnetId']
priv = ec2.create_subnet(VpcId=vpc, CidrBlock='10.0.11.0/24', AvailabilityZone='us-east-1a')['Subnet']['SubnetId']
iso = ec2.create_subnet(VpcId=vpc, CidrBlock='10.0.21.0/24', AvailabilityZone='us-east-1a')['Subnet']['SubnetId']
ec2.modify_subnet_attribute(SubnetId=pub, MapPublicIpOnLaunch={'Value': True})
ids.update(publicSubnet=pub, publicSubnetB=pub_b, privateSubnet=priv, isolatedSubnet=iso)
igw = ec2.create_internet_gateway()['InternetGateway']['InternetGatewayId']
ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)
public_rt = ec2.create_route_table(VpcId=vpc)['RouteTable']['RouteTableId']
ec2.create_route(RouteTableId=public_rt, DestinationCidrBlock='0.0.0.0/0', GatewayId=igw)
ec2.associate_route_table(RouteTableId=public_rt, SubnetId=pub)
ec2.associate_route_table(RouteTableId=public_rt, SubnetId=pub_b)
nat_eip = ec2.allocate_address(Domain='vpc')['AllocationId']
nat = ec2.create_nat_gateway(SubnetId=pub, AllocationId=nat_eip)['NatGateway']['NatGatewayId']
private_rt = ec2.create_route_table(VpcId=vpc)['RouteTable']['RouteTableId']
ec2.create_route(RouteTableId=private_rt, DestinationCidrBlock='0.0.0.0/0', NatGatewayId=nat)
ec2.associate_route_table(RouteTableId=private_rt, SubnetId=priv)
# The isolated subnet follows the VPC's main route table: local route only.

# Flow logs of rejected traffic on prod; the sandbox VPC below logs accepted traffic only.
c('s3').create_bucket(Bucket='flow-log-bucket')
ec2.create_flow_logs(ResourceIds=[vpc], ResourceType='VPC', TrafficType='REJECT', LogDestinationType='s3',
                     LogDestination='arn:aws:s3:::flow-log-bucket')
# An interface endpoint for the EC2 API in prod.
ec2.create_vpc_endpoint(VpcId=vpc, ServiceName='com.amazonaws.us-east-1.ec2', VpcEndpointType='Interface',
                        SubnetIds=[priv])

# Network ACLs: the public subnets get one that also lets SSH in from anywhere; one ACL is left unused.
acl = ec2.create_network_acl(VpcId=vpc)['NetworkAcl']['NetworkAclId']
for number, (lo, hi) in enumerate([(443, 443), (22, 22), (1024, 65535), (80, 80)], start=1):
    ec2.create_network_acl_entry(NetworkAclId=acl, RuleNumber=number * 100, Protocol='6', RuleAction='allow',
                                 Egress=False, CidrBlock='0.0.0.0/0', PortRange={'From': lo, 'To': hi})
ec2.create_network_acl_entry(NetworkAclId=acl, RuleNumber=100, Protocol='-1', RuleAction='allow', Egress=True,
                             CidrBlock='0.0.0.0/0')
for subnet in (pub, pub_b):
    association = [a for a in ec2.describe_network_acls(Filters=[{'Name': 'association.subnet-id', 'Values': [subnet]}])['NetworkAcls'][0]['Associations'] if a['SubnetId'] == subnet][0]
    ec2.replace_network_acl_association(AssociationId=association['NetworkAclAssociationId'], NetworkAclId=acl)
ids['publicAcl'] = acl
unused_acl = ec2.create_network_acl(VpcId=vpc)['NetworkAcl']['NetworkAclId']
ec2.create_network_acl_entry(NetworkAclId=unused_acl, RuleNumber=100, Protocol='6', RuleAction='allow',
                             Egress=False, CidrBlock='10.0.0.0/8', PortRange={'From': 22, 'To': 22})
ids['unusedAcl'] = unused_acl
# The isolated subnet's ACL denies SSH and RDP before allowing everything: nothing reaches those ports.
deny_first = ec2.create_network_acl(VpcId=vpc)['NetworkAcl']['NetworkAclId']
# (Protocol -1 would ignore the port range and deny everything: one rule per protocol and port.)
for number, protocol, port in ((10, '6', 22), (11, '17', 22), (20, '6', 3389), (21, '17', 3389)):
    ec2.create_network_acl_entry(NetworkAclId=deny_first, RuleNumber=number, Protocol=protocol, RuleAction='deny',
                                 Egress=False, CidrBlock='0.0.0.0/0', PortRange={'From': port, 'To': port})
ec2.create_network_acl_entry(NetworkAclId=deny_first, RuleNumber=100, Protocol='-1', RuleAction='allow', Egress=False,
                             CidrBlock='0.0.0.0/0')
association = [a for a in ec2.describe_network_acls(Filters=[{'Name': 'association.subnet-id', 'Values': [iso]}])['NetworkAcls'][0]['Associations'] if a['SubnetId'] == iso][0]
ec2.replace_network_acl_association(AssociationId=association['NetworkAclAssociationId'], NetworkAclId=deny_first)
ids['denyFirstAcl'] = deny_first
ids['defaultAcl'] = ec2.describe_network_acls(Filters=[{'Name': 'vpc-id', 'Values': [vpc]}, {'Name': 'default', 'Values': ['true']}])['NetworkAcls'][0]['NetworkAclId']

# --- security groups ------------------------------------------------------------------------------------------
def sg(name, *permissions):
    group = ec2.create_security_group(GroupName=name, Description=name, VpcId=vpc)['GroupId']
    if permissions:
        ec2.authorize_security_group_ingress(GroupId=group, IpPermissions=list(permissions))
    ids['sg:' + name] = group
    return group
world = lambda lo, hi, proto='tcp': {'IpProtocol': proto, 'FromPort': lo, 'ToPort': hi, 'IpRanges': [{'CidrIp': '0.0.0.0/0'}]}
ssh_open = sg('ssh-open', world(22, 22))
rdp_v6 = sg('rdp-v6', {'IpProtocol': 'tcp', 'FromPort': 3389, 'ToPort': 3389, 'Ipv6Ranges': [{'CidrIpv6': '::/0'}]})
all_open = sg('all-open', {'IpProtocol': '-1', 'IpRanges': [{'CidrIp': '0.0.0.0/0'}]})
smb_open = sg('smb-open', world(445, 445))
web = sg('web', world(443, 443), {'IpProtocol': 'tcp', 'FromPort': 443, 'ToPort': 443, 'Ipv6Ranges': [{'CidrIpv6': '::/0'}]})
ssh_office = sg('ssh-office', {'IpProtocol': 'tcp', 'FromPort': 22, 'ToPort': 22, 'IpRanges': [{'CidrIp': '10.0.0.0/16'}]})
alb_sg = sg('alb-sg', world(80, 80), world(443, 443))
app_from_alb = sg('app-from-alb', {'IpProtocol': 'tcp', 'FromPort': 8080, 'ToPort': 8080, 'UserIdGroupPairs': [{'GroupId': alb_sg}]})
app_closed = sg('app-closed', {'IpProtocol': 'tcp', 'FromPort': 8080, 'ToPort': 8080, 'IpRanges': [{'CidrIp': '10.9.0.0/16'}]})
nlb_app = sg('nlb-app', world(8443, 8443))
ids['prodDefaultSg'] = ec2.describe_security_groups(Filters=[{'Name': 'vpc-id', 'Values': [vpc]}, {'Name': 'group-name', 'Values': ['default']}])['SecurityGroups'][0]['GroupId']

# --- instances ----------------------------------------------------------------------------------------------------
iam = c('iam')
iam.create_role(RoleName='web-role', AssumeRolePolicyDocument=json.dumps({'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Principal': {'Service': 'ec2.amazonaws.com'}, 'Action': 'sts:AssumeRole'}]}))
iam.create_instance_profile(InstanceProfileName='web-profile')
iam.add_role_to_instance_profile(InstanceProfileName='web-profile', RoleName='web-role')

def run(name, subnet, groups, public_ip=None, imds='optional', profile=None):
    kwargs = dict(ImageId=ami, MinCount=1, MaxCount=1, InstanceType='t3.micro', TagSpecifications=tag('instance', name),
                  MetadataOptions={'HttpTokens': imds, 'HttpEndpoint': 'enabled'})
    if profile:
        kwargs['IamInstanceProfile'] = {'Name': profile}
    if public_ip is None:
        kwargs.update(SubnetId=subnet, SecurityGroupIds=groups)
    else:
        kwargs['NetworkInterfaces'] = [{'DeviceIndex': 0, 'SubnetId': subnet, 'Groups': groups, 'AssociatePublicIpAddress': public_ip}]
    instance = ec2.run_instances(**kwargs)['Instances'][0]['InstanceId']
    ids[name] = instance
    return instance

bastion = run('bastion', pub, [ssh_open])                             # auto-assigned public IP, SSH open, IMDSv1
web_eip = run('web-eip', pub_b, [web], public_ip=False, imds='required', profile='web-profile')  # elastic IP, HTTPS only, IMDSv2
eip = ec2.allocate_address(Domain='vpc')
ec2.associate_address(InstanceId=web_eip, AllocationId=eip['AllocationId'])
rdp_public = run('rdp-public', pub_b, [rdp_v6, all_open], public_ip=True, imds='required')  # all ports open; ACL lets 22/443/high ports in
quiet_public = run('quiet-public', pub, [ssh_office], imds='required')  # public IP, SSH only from inside the VPC
private_ssh = run('private-ssh', priv, [ssh_open], imds='required')    # SSH open, but no public IP and NAT only
isolated = run('isolated', iso, [all_open], imds='required')
app_alb = run('app-alb', priv, [app_from_alb], imds='required')        # admits the internet-facing ALB
app_closed_i = run('app-closed', priv, [app_closed], imds='required')  # target of the ALB, admits nothing from it
# A private subnet whose ACL lets 8080 in only from another network: the ALB's traffic stops there.
locked = ec2.create_subnet(VpcId=vpc, CidrBlock='10.0.12.0/24', AvailabilityZone='us-east-1b')['Subnet']['SubnetId']
ec2.associate_route_table(RouteTableId=private_rt, SubnetId=locked)
locked_acl = ec2.create_network_acl(VpcId=vpc)['NetworkAcl']['NetworkAclId']
ec2.create_network_acl_entry(NetworkAclId=locked_acl, RuleNumber=100, Protocol='6', RuleAction='allow', Egress=False,
                             CidrBlock='10.9.0.0/16', PortRange={'From': 8080, 'To': 8080})
association = [a for a in ec2.describe_network_acls(Filters=[{'Name': 'association.subnet-id', 'Values': [locked]}])['NetworkAcls'][0]['Associations'] if a['SubnetId'] == locked][0]
ec2.replace_network_acl_association(AssociationId=association['NetworkAclAssociationId'], NetworkAclId=locked_acl)
ids.update(lockedSubnet=locked, lockedAcl=locked_acl)
app_locked = run('app-locked', locked, [app_from_alb], imds='required')
app_internal = run('app-internal', priv, [app_from_alb], imds='required')  # behind an internal ALB only
app_nlb = run('app-nlb', priv, [nlb_app], imds='required')             # NLB keeps client IPs; SG admits the world
app_nlb_closed = run('app-nlb-closed', priv, [sg('nlb-closed', {'IpProtocol': 'tcp', 'FromPort': 8443, 'ToPort': 8443, 'IpRanges': [{'CidrIp': '10.0.0.0/16'}]})], imds='required')  # NLB keeps client IPs: the VPC range is not them
stopped = run('stopped', pub, [ssh_open])
ec2.stop_instances(InstanceIds=[stopped])
spare_eip = ec2.allocate_address(Domain='vpc')
ids['spareEip'] = spare_eip['AllocationId']
ids['attachedEip'] = eip['AllocationId']

# --- load balancers -----------------------------------------------------------------------------------------------
elb = c('elbv2')
def target_group(name, port, protocol='HTTP', *instances):
    arn = elb.create_target_group(Name=name, Protocol=protocol, Port=port, VpcId=vpc, TargetType='instance')['TargetGroups'][0]['TargetGroupArn']
    elb.register_targets(TargetGroupArn=arn, Targets=[{'Id': i, 'Port': port} for i in instances])
    return arn
public_alb = elb.create_load_balancer(Name='public-alb', Subnets=[pub, pub_b], SecurityGroups=[alb_sg], Scheme='internet-facing', Type='application')['LoadBalancers'][0]['LoadBalancerArn']
tg_app = target_group('app', 8080, 'HTTP', app_alb, app_closed_i, app_locked)
elb.create_listener(LoadBalancerArn=public_alb, Protocol='HTTP', Port=80, DefaultActions=[{'Type': 'forward', 'TargetGroupArn': tg_app}])
# An ALB listening on 81, open in its security group, but the public subnets' ACL has no rule for 81: unreachable.
side_sg = sg('side-alb-sg', world(81, 81))
app_side = run('app-side', priv, [sg('app-from-side', {'IpProtocol': 'tcp', 'FromPort': 8080, 'ToPort': 8080, 'UserIdGroupPairs': [{'GroupId': side_sg}]})], imds='required')
side_alb = elb.create_load_balancer(Name='side-alb', Subnets=[pub, pub_b], SecurityGroups=[side_sg], Scheme='internet-facing', Type='application')['LoadBalancers'][0]['LoadBalancerArn']
tg_side = target_group('side', 8080, 'HTTP', app_side)
elb.create_listener(LoadBalancerArn=side_alb, Protocol='HTTP', Port=81, DefaultActions=[{'Type': 'forward', 'TargetGroupArn': tg_side}])
# A hardened ALB: HTTP only redirects to HTTPS, deletion protection, invalid headers dropped, access logs.
hardened = elb.create_load_balancer(Name='hardened-alb', Subnets=[pub, pub_b], SecurityGroups=[alb_sg], Scheme='internet-facing', Type='application')['LoadBalancers'][0]['LoadBalancerArn']
cert = c('acm').request_certificate(DomainName='shop.example.com', ValidationMethod='DNS')['CertificateArn']
elb.create_listener(LoadBalancerArn=hardened, Protocol='HTTP', Port=80, DefaultActions=[{'Type': 'redirect', 'RedirectConfig': {'Protocol': 'HTTPS', 'Port': '443', 'StatusCode': 'HTTP_301'}}])
elb.create_listener(LoadBalancerArn=hardened, Protocol='HTTPS', Port=443, Certificates=[{'CertificateArn': cert}], SslPolicy='ELBSecurityPolicy-TLS13-1-2-2021-06',
                    DefaultActions=[{'Type': 'fixed-response', 'FixedResponseConfig': {'StatusCode': '200', 'ContentType': 'text/plain', 'MessageBody': 'ok'}}])
elb.modify_load_balancer_attributes(LoadBalancerArn=hardened, Attributes=[
    {'Key': 'deletion_protection.enabled', 'Value': 'true'},
    {'Key': 'routing.http.drop_invalid_header_fields.enabled', 'Value': 'true'},
    {'Key': 'access_logs.s3.enabled', 'Value': 'true'}, {'Key': 'access_logs.s3.bucket', 'Value': 'flow-log-bucket'}])
internal_alb = elb.create_load_balancer(Name='internal-alb', Subnets=[priv, iso], SecurityGroups=[alb_sg], Scheme='internal', Type='application')['LoadBalancers'][0]['LoadBalancerArn']
tg_internal = target_group('internal', 8080, 'HTTP', app_internal)
elb.create_listener(LoadBalancerArn=internal_alb, Protocol='HTTP', Port=80, DefaultActions=[{'Type': 'forward', 'TargetGroupArn': tg_internal}])
nlb = elb.create_load_balancer(Name='public-nlb', Subnets=[pub, pub_b], Scheme='internet-facing', Type='network')['LoadBalancers'][0]['LoadBalancerArn']
tg_nlb = target_group('nlb-app', 8443, 'TCP', app_nlb, app_nlb_closed)
elb.create_listener(LoadBalancerArn=nlb, Protocol='TCP', Port=8443, DefaultActions=[{'Type': 'forward', 'TargetGroupArn': tg_nlb}])

# A classic ELB in front of a private instance that admits it by its security group; HTTP only, default attributes.
clb_sg = sg('clb-sg', world(80, 80))
app_clb = sg('app-from-clb', {'IpProtocol': 'tcp', 'FromPort': 8080, 'ToPort': 8080, 'UserIdGroupPairs': [{'GroupId': clb_sg}]})
app_clb_i = run('app-clb', priv, [app_clb], imds='required')
classic = c('elb')
classic.create_load_balancer(LoadBalancerName='classic-web', Subnets=[pub, pub_b], SecurityGroups=[clb_sg], Scheme='internet-facing',
                             Listeners=[{'Protocol': 'HTTP', 'LoadBalancerPort': 80, 'InstanceProtocol': 'HTTP', 'InstancePort': 8080}])
classic.register_instances_with_load_balancer(LoadBalancerName='classic-web', Instances=[{'InstanceId': app_clb_i}])
classic.modify_load_balancer_attributes(LoadBalancerName='classic-web', LoadBalancerAttributes={
    'CrossZoneLoadBalancing': {'Enabled': True}, 'ConnectionDraining': {'Enabled': True, 'Timeout': 300}})

# --- disks, snapshots, images -------------------------------------------------------------------------------------
plain = ec2.create_volume(AvailabilityZone='us-east-1a', Size=8, TagSpecifications=tag('volume', 'plain'))['VolumeId']
ec2.attach_volume(VolumeId=plain, InstanceId=bastion, Device='/dev/sdf')
sealed = ec2.create_volume(AvailabilityZone='us-east-1a', Size=8, Encrypted=True, TagSpecifications=tag('volume', 'sealed'))['VolumeId']
ec2.attach_volume(VolumeId=sealed, InstanceId=quiet_public, Device='/dev/sdf')
ids.update(plainVolume=plain, sealedVolume=sealed)
public_snap = ec2.create_snapshot(VolumeId=plain)['SnapshotId']
ec2.modify_snapshot_attribute(SnapshotId=public_snap, Attribute='createVolumePermission', OperationType='add', GroupNames=['all'])
private_snap = ec2.create_snapshot(VolumeId=sealed)['SnapshotId']
shared_snap = ec2.create_snapshot(VolumeId=sealed)['SnapshotId']
ec2.modify_snapshot_attribute(SnapshotId=shared_snap, Attribute='createVolumePermission', OperationType='add', UserIds=['210987654321'])
ids.update(publicSnapshot=public_snap, privateSnapshot=private_snap, sharedSnapshot=shared_snap)
public_ami = ec2.create_image(InstanceId=bastion, Name='bastion-image')['ImageId']
ec2.modify_image_attribute(ImageId=public_ami, LaunchPermission={'Add': [{'Group': 'all'}]})
private_ami = ec2.create_image(InstanceId=quiet_public, Name='quiet-image')['ImageId']
ids.update(publicAmi=public_ami, privateAmi=private_ami)

# --- a second VPC with its default security group emptied, flow logs of accepted traffic only, an S3 gateway endpoint
sandbox = ec2.create_vpc(CidrBlock='10.50.0.0/16')['Vpc']['VpcId']
ids['sandboxVpc'] = sandbox
sandbox_default = ec2.describe_security_groups(Filters=[{'Name': 'vpc-id', 'Values': [sandbox]}, {'Name': 'group-name', 'Values': ['default']}])['SecurityGroups'][0]
if sandbox_default.get('IpPermissions'):
    ec2.revoke_security_group_ingress(GroupId=sandbox_default['GroupId'], IpPermissions=sandbox_default['IpPermissions'])
if sandbox_default.get('IpPermissionsEgress'):
    ec2.revoke_security_group_egress(GroupId=sandbox_default['GroupId'], IpPermissions=sandbox_default['IpPermissionsEgress'])
ids['sandboxDefaultSg'] = sandbox_default['GroupId']
ec2.create_vpc_endpoint(VpcId=sandbox, ServiceName='com.amazonaws.us-east-1.s3', VpcEndpointType='Gateway')
ec2.create_flow_logs(ResourceIds=[sandbox], ResourceType='VPC', TrafficType='ACCEPT', LogDestinationType='s3',
                     LogDestination='arn:aws:s3:::flow-log-bucket')

# --- an IPv6-only path: instance with an IPv6 address, no public IPv4, RDP open to ::/0, ::/0 routed to the IGW ------
dual = ec2.create_vpc(CidrBlock='10.60.0.0/16', AmazonProvidedIpv6CidrBlock=True)['Vpc']
v6_block = dual['Ipv6CidrBlockAssociationSet'][0]['Ipv6CidrBlock']
dual_subnet = ec2.create_subnet(VpcId=dual['VpcId'], CidrBlock='10.60.1.0/24', Ipv6CidrBlock=v6_block.replace('/56', '/64'))['Subnet']['SubnetId']
dual_igw = ec2.create_internet_gateway()['InternetGateway']['InternetGatewayId']
ec2.attach_internet_gateway(InternetGatewayId=dual_igw, VpcId=dual['VpcId'])
dual_rt = ec2.create_route_table(VpcId=dual['VpcId'])['RouteTable']['RouteTableId']
ec2.create_route(RouteTableId=dual_rt, DestinationIpv6CidrBlock='::/0', GatewayId=dual_igw)
ec2.associate_route_table(RouteTableId=dual_rt, SubnetId=dual_subnet)
rdp6 = ec2.create_security_group(GroupName='rdp6', Description='rdp over ipv6', VpcId=dual['VpcId'])['GroupId']
ec2.authorize_security_group_ingress(GroupId=rdp6, IpPermissions=[{'IpProtocol': 'tcp', 'FromPort': 3389, 'ToPort': 3389, 'Ipv6Ranges': [{'CidrIpv6': '::/0'}]}])
ids['v6-rdp'] = ec2.run_instances(ImageId=ami, MinCount=1, MaxCount=1, InstanceType='t3.micro', TagSpecifications=tag('instance', 'v6-rdp'),
                                  MetadataOptions={'HttpTokens': 'required'},
                                  SubnetId=dual_subnet, SecurityGroupIds=[rdp6], Ipv6AddressCount=1)['Instances'][0]['InstanceId']
ids['dualDefaultAcl'] = ec2.describe_network_acls(Filters=[{'Name': 'vpc-id', 'Values': [dual['VpcId']]}, {'Name': 'default', 'Values': ['true']}])['NetworkAcls'][0]['NetworkAclId']
# AWS gives the default ACL of a VPC with IPv6 an allow-all ::/0 rule 101 (in and out); moto leaves it out.
for egress in (False, True):
    ec2.create_network_acl_entry(NetworkAclId=ids['dualDefaultAcl'], RuleNumber=101, Protocol='-1', RuleAction='allow',
                                 Egress=egress, Ipv6CidrBlock='::/0')

# --- the default VPC: its subnets follow the main route table, which routes 0.0.0.0/0 to the default IGW ----------
default_vpc = ec2.describe_vpcs(Filters=[{'Name': 'is-default', 'Values': ['true']}])['Vpcs'][0]['VpcId']
# AWS gives every default VPC an internet gateway and that route; moto leaves both out.
default_igw = ec2.create_internet_gateway()['InternetGateway']['InternetGatewayId']
ec2.attach_internet_gateway(InternetGatewayId=default_igw, VpcId=default_vpc)
default_main = ec2.describe_route_tables(Filters=[{'Name': 'vpc-id', 'Values': [default_vpc]}, {'Name': 'association.main', 'Values': ['true']}])['RouteTables'][0]['RouteTableId']
ec2.create_route(RouteTableId=default_main, DestinationCidrBlock='0.0.0.0/0', GatewayId=default_igw)
default_subnet = ec2.describe_subnets(Filters=[{'Name': 'vpc-id', 'Values': [default_vpc]}])['Subnets'][0]['SubnetId']
legacy_sg = ec2.create_security_group(GroupName='legacy-ssh', Description='legacy', VpcId=default_vpc)['GroupId']
ec2.authorize_security_group_ingress(GroupId=legacy_sg, IpPermissions=[world(22, 22)])
legacy = ec2.run_instances(ImageId=ami, MinCount=1, MaxCount=1, InstanceType='t3.micro', TagSpecifications=tag('instance', 'legacy'),
                           MetadataOptions={'HttpTokens': 'required'}, SubnetId=default_subnet, SecurityGroupIds=[legacy_sg])['Instances'][0]['InstanceId']
ids['legacy'] = legacy
# A second interface on it (another subnet of the default VPC).
other_subnet = ec2.describe_subnets(Filters=[{'Name': 'vpc-id', 'Values': [default_vpc]}])['Subnets'][1]['SubnetId']
extra = ec2.create_network_interface(SubnetId=other_subnet, Groups=[legacy_sg])['NetworkInterface']['NetworkInterfaceId']
ec2.attach_network_interface(NetworkInterfaceId=extra, InstanceId=legacy, DeviceIndex=1)

# --- EBS encryption by default: on in eu-west-1, off (AWS's default) in us-east-1 ---------------------------------
c('ec2', 'eu-west-1').enable_ebs_encryption_by_default()

print(json.dumps(ids))
