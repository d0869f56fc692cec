// Trimmed copies of real EFS responses (account 123456789012, eu-west-1), typed against the SDK outputs.
import {
  EFSServiceException,
  PolicyNotFound,
  type DescribeFileSystemPolicyCommandOutput,
  type DescribeFileSystemsCommandOutput,
  type FileSystemDescription,
} from '@aws-sdk/client-efs';

const metadata = { httpStatusCode: 200, requestId: 'efs-req-1', attempts: 1 };

export const sharedFileSystem: FileSystemDescription = {
  OwnerId: '123456789012',
  CreationToken: 'console-1f2e3d4c',
  FileSystemId: 'fs-0a1b2c3d',
  FileSystemArn: 'arn:aws:elasticfilesystem:eu-west-1:123456789012:file-system/fs-0a1b2c3d',
  CreationTime: new Date('2026-03-04T10:11:12.000Z'),
  LifeCycleState: 'available',
  Name: 'shared-home',
  NumberOfMountTargets: 2,
  SizeInBytes: {
    Value: 6144,
    Timestamp: new Date('2026-11-22T00:00:00.000Z'),
    ValueInIA: 0,
    ValueInStandard: 6144,
  },
  PerformanceMode: 'generalPurpose',
  Encrypted: true,
  KmsKeyId: 'arn:aws:kms:eu-west-1:123456789012:key/1111aaaa-2222-bbbb-3333-cccc4444dddd',
  ThroughputMode: 'bursting',
  Tags: [
    { Key: 'Name', Value: 'shared-home' },
    { Key: 'team', Value: 'platform' },
  ],
};

export const scratchFileSystem: FileSystemDescription = {
  OwnerId: '123456789012',
  CreationToken: 'scratch',
  FileSystemId: 'fs-9z8y7x6w',
  FileSystemArn: 'arn:aws:elasticfilesystem:eu-west-1:123456789012:file-system/fs-9z8y7x6w',
  CreationTime: new Date('2026-05-06T07:08:09.000Z'),
  LifeCycleState: 'available',
  NumberOfMountTargets: 0,
  SizeInBytes: { Value: 0 },
  PerformanceMode: 'generalPurpose',
  Encrypted: false,
  Tags: [],
};

export const fileSystemsPage1: DescribeFileSystemsCommandOutput = {
  $metadata: metadata,
  FileSystems: [sharedFileSystem],
  NextMarker: 'fs-page-2',
};

export const fileSystemsPage2: DescribeFileSystemsCommandOutput = {
  $metadata: metadata,
  Marker: 'fs-page-2',
  FileSystems: [scratchFileSystem],
};

export const noFileSystems: DescribeFileSystemsCommandOutput = { $metadata: metadata, FileSystems: [] };

export const sharedPolicyDocument = {
  Version: '2012-10-17',
  Id: 'efs-policy-wizard-1',
  Statement: [
    {
      Sid: 'enforce-in-transit',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: '*',
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    },
  ],
};

export const sharedPolicy: DescribeFileSystemPolicyCommandOutput = {
  $metadata: metadata,
  FileSystemId: 'fs-0a1b2c3d',
  Policy: JSON.stringify(sharedPolicyDocument),
};

export function policyNotFound(): PolicyNotFound {
  return new PolicyNotFound({
    ErrorCode: 'PolicyNotFound',
    message: 'No such file system policy for fs-9z8y7x6w',
    $metadata: { httpStatusCode: 404, requestId: 'efs-404' },
  });
}

export function accessDenied(action: string): EFSServiceException {
  return new EFSServiceException({
    name: 'AccessDeniedException',
    $fault: 'client',
    message: `User is not authorized to perform: ${action}`,
    $metadata: { httpStatusCode: 403, requestId: 'efs-403' },
  });
}

/** Every optional member absent: no Name, Encrypted, KmsKeyId or ThroughputMode (Tags is required, here empty). */
export const bareFileSystem: FileSystemDescription = {
  OwnerId: '123456789012',
  CreationToken: 'bare',
  FileSystemId: 'fs-5e4d3c2b',
  FileSystemArn: 'arn:aws:elasticfilesystem:eu-west-1:123456789012:file-system/fs-5e4d3c2b',
  CreationTime: new Date('2026-07-01T00:00:00.000Z'),
  LifeCycleState: 'creating',
  NumberOfMountTargets: 0,
  SizeInBytes: { Value: 0 },
  PerformanceMode: 'generalPurpose',
  Tags: [],
};

/** A last page with the empty `FileSystems` list left out and no NextMarker. */
export const fileSystemsMemberOmitted: DescribeFileSystemsCommandOutput = { $metadata: metadata };

/** An endpoint that does not implement the operation (an AWS emulator): HTTP 501 with a JSON error body. */
export function notImplemented(operation: string): EFSServiceException {
  return new EFSServiceException({
    name: 'InternalFailure',
    $fault: 'server',
    message: `API action '${operation}' for service 'efs' not yet implemented`,
    $metadata: { httpStatusCode: 501, requestId: 'efs-501' },
  });
}
