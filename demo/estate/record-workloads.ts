// Records the workload services of one demo region: RDS, Lambda, EKS, ECR and EFS (the calls their collector
// modules make), placed in the region's network from network.ts.
import type { DBInstance, DBSnapshot } from '@aws-sdk/client-rds';
import type { FunctionConfiguration } from '@aws-sdk/client-lambda';
import type { Cluster } from '@aws-sdk/client-eks';
import type { ImageDetail, Repository } from '@aws-sdk/client-ecr';
import type { FileSystemDescription } from '@aws-sdk/client-efs';
import type { Recording } from '../recording';
import type { RegionNetwork } from './network';
import { type EstateContext, daysAgo, stableHex } from './profile';

export function recordWorkloads(
  recording: Recording,
  ctx: EstateContext,
  network: RegionNetwork,
  regionIndex: number,
): void {
  recordRds(recording, ctx, network, regionIndex);
  recordLambda(recording, ctx, network, regionIndex);
  recordEks(recording, ctx, network, regionIndex);
  recordEcr(recording, ctx, network.region, regionIndex);
  recordEfs(recording, ctx, network.region, regionIndex);
}

function recordRds(
  recording: Recording,
  ctx: EstateContext,
  network: RegionNetwork,
  regionIndex: number,
): void {
  const owner = ctx.account.awsAccountId;
  const region = network.region;
  const staging = ctx.account.kind === 'staging';
  const instances: DBInstance[] = [];
  const db = (name: string, engine: 'postgres' | 'mysql', publicDb: boolean): DBInstance => {
    const subnets = publicDb ? network.ids.publicSubnets : network.ids.privateSubnets;
    return {
      DBInstanceIdentifier: name,
      DBInstanceArn: `arn:aws:rds:${region}:${owner}:db:${name}`,
      DbiResourceId: `db-${stableHex([owner, region, name], 26).toUpperCase()}`,
      DBInstanceClass: 'db.r6g.large',
      Engine: engine,
      EngineVersion: engine === 'postgres' ? '16.4' : '8.0.39',
      DBInstanceStatus: 'available',
      MasterUsername: staging ? 'admin' : 'orders_owner',
      Endpoint: {
        Address: `${name}.c${stableHex([owner, region], 12)}.${region}.rds.amazonaws.com`,
        Port: engine === 'postgres' ? 5432 : 3306,
        HostedZoneId: 'Z2R2ITUGPM61AM',
      },
      AllocatedStorage: 100,
      InstanceCreateTime: daysAgo(ctx.now, 350),
      BackupRetentionPeriod: staging ? 1 : 14,
      VpcSecurityGroups: [
        { VpcSecurityGroupId: publicDb ? network.ids.sg.reportingDb : network.ids.sg.db, Status: 'active' },
      ],
      DBSubnetGroup: {
        DBSubnetGroupName: `${name}-subnets`,
        VpcId: network.ids.vpc,
        SubnetGroupStatus: 'Complete',
        Subnets: subnets.map((subnetId) => ({
          SubnetIdentifier: subnetId,
          SubnetAvailabilityZone: {
            Name: network.subnets.find((subnet) => subnet.SubnetId === subnetId)?.AvailabilityZone,
          },
          SubnetStatus: 'Active',
        })),
      },
      MultiAZ: !staging,
      PubliclyAccessible: publicDb,
      StorageEncrypted: !staging,
      KmsKeyId: staging
        ? undefined
        : `arn:aws:kms:${region}:${owner}:key/${stableHex([owner, region, 'kms-data'], 32)}`,
      AutoMinorVersionUpgrade: true,
      DeletionProtection: !staging,
      IAMDatabaseAuthenticationEnabled: !staging,
      CopyTagsToSnapshot: !staging,
      EnabledCloudwatchLogsExports: staging ? [] : ['postgresql', 'upgrade'],
      MonitoringInterval: staging ? 0 : 60,
      StorageType: 'gp3',
      TagList: [{ Key: 'env', Value: ctx.account.kind }],
    };
  };
  if (regionIndex === 0) instances.push(db(staging ? 'staging-orders' : 'orders-db', 'postgres', false));
  // Staging's reporting database is publicly accessible, in public subnets, with 3306 open to the world.
  if (regionIndex === 1 && staging) instances.push(db('staging-reporting', 'mysql', true));
  recording.output('RDS', 'DescribeDBInstances', region, {}, { DBInstances: instances });
  recording.output('RDS', 'DescribeDBClusters', region, {}, { DBClusters: [] });
  const snapshots: DBSnapshot[] = instances.map((instance) => ({
    DBSnapshotIdentifier: `${instance.DBInstanceIdentifier}-before-upgrade`,
    DBSnapshotArn: `arn:aws:rds:${region}:${owner}:snapshot:${instance.DBInstanceIdentifier}-before-upgrade`,
    DBInstanceIdentifier: instance.DBInstanceIdentifier,
    SnapshotCreateTime: daysAgo(ctx.now, 20),
    Engine: instance.Engine,
    AllocatedStorage: 100,
    Status: 'available',
    SnapshotType: 'manual',
    Encrypted: instance.StorageEncrypted,
    KmsKeyId: instance.KmsKeyId,
    VpcId: network.ids.vpc,
  }));
  recording.output(
    'RDS',
    'DescribeDBSnapshots',
    region,
    { SnapshotType: 'manual' },
    { DBSnapshots: snapshots },
  );
  recording.output(
    'RDS',
    'DescribeDBClusterSnapshots',
    region,
    { SnapshotType: 'manual' },
    { DBClusterSnapshots: [] },
  );
  for (const snapshot of snapshots) {
    // Staging's snapshot was shared publicly to hand a copy to a contractor.
    const restore = staging ? ['all'] : [];
    recording.output(
      'RDS',
      'DescribeDBSnapshotAttributes',
      region,
      { DBSnapshotIdentifier: snapshot.DBSnapshotIdentifier },
      {
        DBSnapshotAttributesResult: {
          DBSnapshotIdentifier: snapshot.DBSnapshotIdentifier,
          DBSnapshotAttributes: [{ AttributeName: 'restore', AttributeValues: restore }],
        },
      },
    );
  }
}

function recordLambda(
  recording: Recording,
  ctx: EstateContext,
  network: RegionNetwork,
  regionIndex: number,
): void {
  const owner = ctx.account.awsAccountId;
  const region = network.region;
  const staging = ctx.account.kind === 'staging';
  const fn = (name: string, runtime: string, inVpc: boolean): FunctionConfiguration => ({
    FunctionName: name,
    FunctionArn: `arn:aws:lambda:${region}:${owner}:function:${name}`,
    Runtime: runtime as FunctionConfiguration['Runtime'],
    Role: `arn:aws:iam::${owner}:role/lambda-exec`,
    Handler: 'index.handler',
    CodeSize: 48_213,
    Timeout: 30,
    MemorySize: 512,
    LastModified: daysAgo(ctx.now, 15).toISOString().replace('Z', '+0000'),
    Version: '$LATEST',
    PackageType: 'Zip',
    Architectures: ['arm64'],
    VpcConfig: inVpc
      ? {
          SubnetIds: network.ids.privateSubnets,
          SecurityGroupIds: [network.ids.sg.lambda],
          VpcId: network.ids.vpc,
        }
      : { SubnetIds: [], SecurityGroupIds: [] },
    TracingConfig: { Mode: 'PassThrough' },
    State: 'Active',
  });
  const functions: FunctionConfiguration[] = [fn(`${ctx.account.kind}-orders-api`, 'nodejs20.x', true)];
  if (regionIndex === 1)
    functions.push(fn(`${ctx.account.kind}-thumbnailer`, staging ? 'python3.8' : 'python3.12', false));
  const webhook =
    staging && regionIndex === 0 ? fn('staging-webhook-receiver', 'nodejs18.x', false) : undefined;
  if (webhook) functions.push(webhook);
  recording.output('Lambda', 'ListFunctions', region, {}, { Functions: functions });
  for (const config of functions) {
    const at = { FunctionName: config.FunctionName };
    // ListTags takes the function ARN. Staging's webhook receiver was deployed by hand, without tags.
    recording.output(
      'Lambda',
      'ListTags',
      region,
      { Resource: config.FunctionArn },
      {
        Tags:
          config === webhook
            ? {}
            : {
                Environment: ctx.account.kind,
                Owner: 'orders-team',
                'aws:cloudformation:stack-name': 'orders',
              },
      },
    );
    if (config === webhook) {
      recording.output('Lambda', 'ListFunctionUrlConfigs', region, at, {
        FunctionUrlConfigs: [
          {
            FunctionUrl: `https://${stableHex([owner, 'url'], 32)}.lambda-url.${region}.on.aws/`,
            FunctionArn: config.FunctionArn,
            AuthType: 'NONE',
            CreationTime: daysAgo(ctx.now, 60).toISOString(),
            LastModifiedTime: daysAgo(ctx.now, 60).toISOString(),
            InvokeMode: 'BUFFERED',
          },
        ],
      });
      recording.output('Lambda', 'GetPolicy', region, at, {
        Policy: JSON.stringify({
          Version: '2012-10-17',
          Id: 'default',
          Statement: [
            {
              Sid: 'FunctionURLAllowPublicAccess',
              Effect: 'Allow',
              Principal: '*',
              Action: 'lambda:InvokeFunctionUrl',
              Resource: config.FunctionArn,
              Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': 'NONE' } },
            },
          ],
        }),
        RevisionId: stableHex([owner, 'rev'], 32),
      });
    } else {
      recording.output('Lambda', 'ListFunctionUrlConfigs', region, at, { FunctionUrlConfigs: [] });
      recording.error('Lambda', 'GetPolicy', region, at, {
        name: 'ResourceNotFoundException',
        status: 404,
        message: 'The resource you requested does not exist.',
      });
    }
  }
}

function recordEks(
  recording: Recording,
  ctx: EstateContext,
  network: RegionNetwork,
  regionIndex: number,
): void {
  const owner = ctx.account.awsAccountId;
  const region = network.region;
  const staging = ctx.account.kind === 'staging';
  const clusters: Cluster[] =
    regionIndex === 0
      ? [
          {
            name: `${ctx.account.kind}-eks`,
            arn: `arn:aws:eks:${region}:${owner}:cluster/${ctx.account.kind}-eks`,
            createdAt: daysAgo(ctx.now, 420),
            version: staging ? '1.28' : '1.31',
            endpoint: `https://${stableHex([owner, 'eks'], 32).toUpperCase()}.gr7.${region}.eks.amazonaws.com`,
            roleArn: `arn:aws:iam::${owner}:role/eks-cluster`,
            resourcesVpcConfig: {
              subnetIds: network.ids.privateSubnets,
              securityGroupIds: [network.ids.sg.app],
              clusterSecurityGroupId: network.ids.sg.app,
              vpcId: network.ids.vpc,
              // Staging's API endpoint is open to the internet; Production's is private.
              endpointPublicAccess: staging,
              endpointPrivateAccess: true,
              publicAccessCidrs: staging ? ['0.0.0.0/0'] : [],
            },
            logging: {
              clusterLogging: [
                {
                  types: ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'],
                  enabled: !staging,
                },
              ],
            },
            status: 'ACTIVE',
            platformVersion: 'eks.12',
            encryptionConfig: staging
              ? undefined
              : [
                  {
                    resources: ['secrets'],
                    provider: {
                      keyArn: `arn:aws:kms:${region}:${owner}:key/${stableHex([owner, region, 'kms-data'], 32)}`,
                    },
                  },
                ],
            accessConfig: { authenticationMode: 'API_AND_CONFIG_MAP' },
            tags: { env: ctx.account.kind },
          },
        ]
      : [];
  recording.output('EKS', 'ListClusters', region, {}, { clusters: clusters.map((cluster) => cluster.name!) });
  for (const cluster of clusters) {
    recording.output('EKS', 'DescribeCluster', region, { name: cluster.name }, { cluster });
    recording.output(
      'EKS',
      'ListAccessEntries',
      region,
      { clusterName: cluster.name },
      {
        accessEntries: [
          `arn:aws:iam::${owner}:role/CloudwardReadOnly`,
          `arn:aws:iam::${owner}:role/break-glass`,
        ],
      },
    );
  }
}

function recordEcr(recording: Recording, ctx: EstateContext, region: string, regionIndex: number): void {
  const owner = ctx.account.awsAccountId;
  const staging = ctx.account.kind === 'staging';
  const repository = (name: string, scanOnPush: boolean, immutable: boolean): Repository => ({
    repositoryArn: `arn:aws:ecr:${region}:${owner}:repository/${name}`,
    registryId: owner,
    repositoryName: name,
    repositoryUri: `${owner}.dkr.ecr.${region}.amazonaws.com/${name}`,
    createdAt: daysAgo(ctx.now, 380),
    imageTagMutability: immutable ? 'IMMUTABLE' : 'MUTABLE',
    imageScanningConfiguration: { scanOnPush },
    encryptionConfiguration: { encryptionType: 'AES256' },
  });
  const repositories =
    regionIndex === 0
      ? [repository('orders-api', true, !staging), repository('legacy-tools', false, false)]
      : [];
  recording.output('ECR', 'DescribeRepositories', region, {}, { repositories });
  // Basic scanning with no registry-level rules: each repository's own flag decides.
  recording.output(
    'ECR',
    'GetRegistryScanningConfiguration',
    region,
    {},
    { registryId: owner, scanningConfiguration: { scanType: 'BASIC', rules: [] } },
  );
  for (const repo of repositories) {
    const name = repo.repositoryName!;
    // legacy-tools predates the tagging policy.
    recording.output(
      'ECR',
      'ListTagsForResource',
      region,
      { resourceArn: repo.repositoryArn },
      {
        tags:
          name === 'legacy-tools'
            ? []
            : [
                { Key: 'Environment', Value: ctx.account.kind },
                { Key: 'Owner', Value: 'orders-team' },
              ],
      },
    );
    if (name === 'legacy-tools' && staging) {
      recording.output(
        'ECR',
        'GetRepositoryPolicy',
        region,
        { repositoryName: name },
        {
          registryId: owner,
          repositoryName: name,
          policyText: JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              {
                Sid: 'PublicPull',
                Effect: 'Allow',
                Principal: '*',
                Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
              },
            ],
          }),
        },
      );
    } else {
      recording.error(
        'ECR',
        'GetRepositoryPolicy',
        region,
        { repositoryName: name },
        {
          name: 'RepositoryPolicyNotFoundException',
          status: 400,
          message: `Repository policy does not exist for the repository with name '${name}' in the registry with id '${owner}'`,
        },
      );
    }
    const images: ImageDetail[] = [0, 1, 2].map((index) => ({
      registryId: owner,
      repositoryName: name,
      imageDigest: `sha256:${stableHex([owner, name, String(index)], 64)}`,
      imageTags: [`v1.${10 - index}.0`],
      imageSizeInBytes: 84_000_000 + index * 1000,
      imagePushedAt: daysAgo(ctx.now, 2 + index * 14),
      imageManifestMediaType: 'application/vnd.docker.distribution.manifest.v2+json',
      ...(repo.imageScanningConfiguration?.scanOnPush
        ? {
            imageScanStatus: { status: 'COMPLETE', description: 'The scan was completed successfully.' },
            imageScanFindingsSummary: {
              imageScanCompletedAt: daysAgo(ctx.now, 2 + index * 14),
              findingSeverityCounts: { CRITICAL: 1, HIGH: 3, MEDIUM: 7 },
            },
          }
        : {}),
    }));
    recording.output('ECR', 'DescribeImages', region, { repositoryName: name }, { imageDetails: images });
    const newest = images[0];
    if (newest.imageScanStatus) {
      recording.output(
        'ECR',
        'DescribeImageScanFindings',
        region,
        { repositoryName: name, imageId: { imageDigest: newest.imageDigest } },
        {
          registryId: owner,
          repositoryName: name,
          imageId: { imageDigest: newest.imageDigest, imageTag: newest.imageTags?.[0] },
          imageScanStatus: newest.imageScanStatus,
          imageScanFindings: {
            imageScanCompletedAt: newest.imagePushedAt,
            vulnerabilitySourceUpdatedAt: daysAgo(ctx.now, 1),
            findingSeverityCounts: { CRITICAL: 1, HIGH: 3, MEDIUM: 7 },
            findings: [
              {
                name: 'CVE-2024-6387',
                severity: 'CRITICAL',
                uri: 'https://security-tracker.debian.org/tracker/CVE-2024-6387',
                description: 'regreSSHion: signal handler race condition in OpenSSH server (sshd).',
                attributes: [{ key: 'package_name', value: 'openssh' }],
              },
              {
                name: 'CVE-2023-44487',
                severity: 'HIGH',
                uri: 'https://security-tracker.debian.org/tracker/CVE-2023-44487',
                description: 'HTTP/2 rapid reset denial of service.',
                attributes: [{ key: 'package_name', value: 'nghttp2' }],
              },
            ],
          },
        },
      );
    }
  }
}

function recordEfs(recording: Recording, ctx: EstateContext, region: string, regionIndex: number): void {
  const owner = ctx.account.awsAccountId;
  const staging = ctx.account.kind === 'staging';
  const systems: FileSystemDescription[] =
    regionIndex === 1
      ? [
          {
            FileSystemId: `fs-${stableHex([owner, region, 'efs'], 17)}`,
            FileSystemArn: `arn:aws:elasticfilesystem:${region}:${owner}:file-system/fs-${stableHex([owner, region, 'efs'], 17)}`,
            OwnerId: owner,
            CreationToken: 'shared-media',
            CreationTime: daysAgo(ctx.now, 500),
            LifeCycleState: 'available',
            Name: `${ctx.account.kind}-shared-media`,
            NumberOfMountTargets: 2,
            SizeInBytes: { Value: 7_340_032_000 },
            PerformanceMode: 'generalPurpose',
            ThroughputMode: 'elastic',
            Encrypted: !staging,
            KmsKeyId: staging
              ? undefined
              : `arn:aws:kms:${region}:${owner}:key/${stableHex([owner, region, 'kms-data'], 32)}`,
            Tags: [{ Key: 'Name', Value: `${ctx.account.kind}-shared-media` }],
          },
        ]
      : [];
  recording.output('EFS', 'DescribeFileSystems', region, {}, { FileSystems: systems });
  for (const system of systems) {
    const at = { FileSystemId: system.FileSystemId };
    if (staging) {
      recording.output('EFS', 'DescribeFileSystemPolicy', region, at, {
        FileSystemId: system.FileSystemId,
        Policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: '*' },
              Action: ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'],
              Resource: system.FileSystemArn,
            },
          ],
        }),
      });
    } else {
      recording.error('EFS', 'DescribeFileSystemPolicy', region, at, {
        name: 'PolicyNotFound',
        status: 404,
        message: `Policy for file system ${system.FileSystemId} is not found`,
      });
    }
  }
}
