// Instances of one demo region with their network interfaces and volumes, plus snapshots, images and Elastic
// IPs: the bastion and Windows host reachable from the internet, app instances private behind the load balancer.
import type { Address, Image, Instance, NetworkInterface, Snapshot, Volume } from '@aws-sdk/client-ec2';
import type { RegionNetwork } from './network';
import { type EstateContext, daysAgo, stableHex } from './profile';

export interface RegionCompute {
  instances: Instance[];
  networkInterfaces: NetworkInterface[];
  volumes: Volume[];
  snapshots: Snapshot[];
  publicSnapshotIds: string[];
  images: Image[];
  addresses: Address[];
  /** App instances the load balancer forwards to. */
  appInstanceIds: string[];
}

interface InstancePlan {
  name: string;
  subnet: string;
  groups: { id: string; name: string }[];
  publicIp?: string;
  state: 'running' | 'stopped';
  profile?: string;
  imdsv2: boolean;
  encrypted: boolean;
  platform?: 'Windows';
  type: string;
}

const STATE_CODE = { running: 16, stopped: 80 } as const;

export function regionCompute(
  ctx: EstateContext,
  network: RegionNetwork,
  regionIndex: number,
): RegionCompute {
  const owner = ctx.account.awsAccountId;
  const region = network.region;
  const staging = ctx.account.kind === 'staging';
  const env = staging ? 'staging' : 'production';
  const { ids } = network;
  const groupName = (groupId: string) =>
    network.securityGroups.find((group) => group.GroupId === groupId)?.GroupName ?? 'default';
  const ref = (groupId: string) => ({ id: groupId, name: groupName(groupId) });
  const id = (prefix: string, name: string, length = 17) =>
    `${prefix}-${stableHex([owner, region, prefix, name], length)}`;

  const plans: InstancePlan[] = [1, 2].map((n) => ({
    name: `${env}-app-${n}`,
    subnet: ids.privateSubnets[n - 1],
    groups: [ref(ids.sg.app)],
    state: 'running',
    profile: 'app-instance',
    // One Staging app instance still accepts IMDSv1.
    imdsv2: !(staging && n === 1),
    encrypted: !staging || n === 2,
    type: 'm6i.large',
  }));
  if (regionIndex === 0) {
    plans.push({
      name: `${env}-bastion`,
      subnet: ids.publicSubnets[0],
      groups: [ref(ids.sg.bastion), ref(ids.sg.legacyAdmin)],
      publicIp: `54.${staging ? 160 : 150}.10.${20 + regionIndex}`,
      state: 'running',
      profile: 'bastion',
      imdsv2: true,
      encrypted: true,
      type: 't3.micro',
    });
  }
  if (regionIndex === 0 && !staging && !ctx.changes.batchWorkerTerminated) {
    // Terminated in round 1: its asset is marked deleted and its open alerts resolve.
    plans.push({
      name: 'batch-worker-old',
      subnet: ids.privateSubnets[0],
      groups: [ref(ids.sg.default)],
      state: 'stopped',
      imdsv2: false,
      encrypted: false,
      type: 'c4.xlarge',
    });
  }
  if (staging && regionIndex === 1) {
    plans.push({
      name: 'windows-build-host',
      subnet: ids.publicSubnets[1],
      groups: [ref(ids.sg.rdp)],
      publicIp: `34.240.77.${10 + regionIndex}`,
      state: 'running',
      imdsv2: false,
      encrypted: false,
      platform: 'Windows',
      type: 'm5.xlarge',
    });
  }
  if (regionIndex === 2) {
    for (let n = 1; n <= 4; n += 1) {
      plans.push({
        name: `${env}-worker-${n}`,
        subnet: ids.privateSubnets[n % 2],
        groups: [ref(ids.sg.app)],
        state: n === 4 ? 'stopped' : 'running',
        profile: 'app-instance',
        imdsv2: true,
        encrypted: !staging,
        type: 'c6i.large',
      });
    }
  }

  const result: RegionCompute = {
    instances: [],
    networkInterfaces: [],
    volumes: [],
    snapshots: [],
    publicSnapshotIds: [],
    images: [],
    addresses: [],
    appInstanceIds: [],
  };
  const subnetOf = (subnetId: string) => network.subnets.find((subnet) => subnet.SubnetId === subnetId)!;

  plans.forEach((plan, index) => {
    const instanceId = id('i', plan.name);
    const eniId = id('eni', plan.name);
    const volumeId = id('vol', plan.name);
    const subnet = subnetOf(plan.subnet);
    const privateIp = `${subnet.CidrBlock!.split('.').slice(0, 3).join('.')}.${100 + index}`;
    const groups = plan.groups.map((group) => ({ GroupId: group.id, GroupName: group.name }));
    const association = plan.publicIp
      ? { PublicIp: plan.publicIp, IpOwnerId: 'amazon', PublicDnsName: '' }
      : undefined;
    const launched = daysAgo(ctx.now, 30 + index * 17);
    const tags = [
      { Key: 'Name', Value: plan.name },
      { Key: 'env', Value: env },
    ];
    if (plan.name.includes('-app-')) result.appInstanceIds.push(instanceId);
    result.instances.push({
      InstanceId: instanceId,
      ImageId: id('ami', 'base'),
      InstanceType: plan.type as Instance['InstanceType'],
      State: { Code: STATE_CODE[plan.state], Name: plan.state },
      LaunchTime: launched,
      Placement: { AvailabilityZone: subnet.AvailabilityZone, Tenancy: 'default' },
      SubnetId: plan.subnet,
      VpcId: ids.vpc,
      PrivateIpAddress: privateIp,
      PublicIpAddress: plan.state === 'running' ? plan.publicIp : undefined,
      SecurityGroups: groups,
      IamInstanceProfile: plan.profile
        ? {
            Arn: `arn:aws:iam::${owner}:instance-profile/${plan.profile}`,
            Id: `AIPA${stableHex([owner, plan.profile], 16).toUpperCase()}`,
          }
        : undefined,
      MetadataOptions: {
        State: 'applied',
        HttpTokens: plan.imdsv2 ? 'required' : 'optional',
        HttpPutResponseHopLimit: plan.imdsv2 ? 2 : 1,
        HttpEndpoint: 'enabled',
      },
      Architecture: 'x86_64',
      VirtualizationType: 'hvm',
      Hypervisor: 'xen',
      RootDeviceType: 'ebs',
      RootDeviceName: '/dev/xvda',
      Platform: plan.platform,
      PlatformDetails: plan.platform === 'Windows' ? 'Windows' : 'Linux/UNIX',
      EbsOptimized: true,
      Monitoring: { State: 'disabled' },
      BlockDeviceMappings: [
        {
          DeviceName: '/dev/xvda',
          Ebs: { VolumeId: volumeId, Status: 'attached', AttachTime: launched, DeleteOnTermination: true },
        },
      ],
      NetworkInterfaces: [
        {
          NetworkInterfaceId: eniId,
          SubnetId: plan.subnet,
          VpcId: ids.vpc,
          OwnerId: owner,
          PrivateIpAddress: privateIp,
          PrivateIpAddresses: [
            {
              Primary: true,
              PrivateIpAddress: privateIp,
              Association: plan.state === 'running' ? association : undefined,
            },
          ],
          Association: plan.state === 'running' ? association : undefined,
          Groups: groups,
          Status: 'in-use',
          InterfaceType: 'interface',
          SourceDestCheck: true,
          Attachment: {
            AttachmentId: id('eni-attach', plan.name),
            DeviceIndex: 0,
            Status: 'attached',
            AttachTime: launched,
            DeleteOnTermination: true,
          },
        },
      ],
      Tags: tags,
    });
    result.networkInterfaces.push({
      NetworkInterfaceId: eniId,
      SubnetId: plan.subnet,
      VpcId: ids.vpc,
      AvailabilityZone: subnet.AvailabilityZone,
      OwnerId: owner,
      RequesterManaged: false,
      Description: '',
      InterfaceType: 'interface',
      Status: 'in-use',
      PrivateIpAddress: privateIp,
      PrivateIpAddresses: [
        {
          Primary: true,
          PrivateIpAddress: privateIp,
          Association: plan.state === 'running' ? association : undefined,
        },
      ],
      Association: plan.state === 'running' ? association : undefined,
      Groups: groups,
      SourceDestCheck: true,
      Attachment: {
        AttachmentId: id('eni-attach', plan.name),
        InstanceId: instanceId,
        InstanceOwnerId: owner,
        DeviceIndex: 0,
        Status: 'attached',
        DeleteOnTermination: true,
      },
      TagSet: [],
    });
    result.volumes.push({
      VolumeId: volumeId,
      Size: 30,
      VolumeType: 'gp3',
      State: 'in-use',
      Encrypted: plan.encrypted,
      KmsKeyId: plan.encrypted ? `arn:aws:kms:${region}:${owner}:alias/aws/ebs` : undefined,
      AvailabilityZone: subnet.AvailabilityZone,
      CreateTime: launched,
      Attachments: [
        {
          VolumeId: volumeId,
          InstanceId: instanceId,
          Device: '/dev/xvda',
          State: 'attached',
          AttachTime: launched,
          DeleteOnTermination: true,
        },
      ],
      Tags: tags,
    });
  });

  // The NAT gateway's interface (requester-managed) and its Elastic IP.
  result.networkInterfaces.push({
    NetworkInterfaceId: ids.natEni,
    SubnetId: ids.publicSubnets[0],
    VpcId: ids.vpc,
    OwnerId: owner,
    RequesterManaged: true,
    InterfaceType: 'natGateway',
    Description: 'Interface for NAT Gateway',
    Status: 'in-use',
    PrivateIpAddresses: [
      {
        Primary: true,
        PrivateIpAddress: '10.0.0.10',
        Association: { PublicIp: ids.natPublicIp, IpOwnerId: owner },
      },
    ],
    Association: { PublicIp: ids.natPublicIp, IpOwnerId: owner },
    Groups: [],
    TagSet: [],
  });
  result.addresses.push({
    AllocationId: id('eipalloc', 'nat'),
    PublicIp: ids.natPublicIp,
    Domain: 'vpc',
    AssociationId: id('eipassoc', 'nat'),
    NetworkInterfaceId: ids.natEni,
    NetworkInterfaceOwnerId: owner,
    PrivateIpAddress: '10.0.0.10',
  });
  if (staging && regionIndex === 0) {
    // An address left over from a deleted instance (ec2_elastic_ip_attached fails).
    result.addresses.push({
      AllocationId: id('eipalloc', 'orphan'),
      PublicIp: '3.90.12.34',
      Domain: 'vpc',
      Tags: [{ Key: 'Name', Value: 'old-demo-host' }],
    });
  }

  if (regionIndex === 0) {
    const snapshot = (name: string, encrypted: boolean): Snapshot => ({
      SnapshotId: id('snap', name),
      VolumeId: result.volumes[0]?.VolumeId,
      VolumeSize: 30,
      State: 'completed',
      StartTime: daysAgo(ctx.now, 12),
      Progress: '100%',
      OwnerId: owner,
      Encrypted: encrypted,
      Description: name,
      StorageTier: 'standard',
      Tags: [{ Key: 'Name', Value: name }],
    });
    result.snapshots.push(snapshot(`${env}-app-backup`, !staging));
    if (staging) {
      // Shared with "all" to copy it to a partner account and never unshared.
      const shared = snapshot('staging-db-seed', false);
      result.snapshots.push(shared);
      result.publicSnapshotIds.push(shared.SnapshotId!);
    }
    result.images.push({
      ImageId: id('ami', 'base'),
      Name: `${env}-base-2026-10`,
      OwnerId: owner,
      State: 'available',
      Public: false,
      Architecture: 'x86_64',
      ImageType: 'machine',
      RootDeviceType: 'ebs',
      RootDeviceName: '/dev/xvda',
      VirtualizationType: 'hvm',
      CreationDate: daysAgo(ctx.now, 45).toISOString(),
      BlockDeviceMappings: [
        {
          DeviceName: '/dev/xvda',
          Ebs: {
            SnapshotId: id('snap', `${env}-app-backup`),
            VolumeSize: 30,
            VolumeType: 'gp3',
            Encrypted: !staging,
          },
        },
      ],
      Tags: [],
    });
  }
  return result;
}
