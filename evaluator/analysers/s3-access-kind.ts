// What a public S3 grant opens: read access (list and download objects, read ACLs and settings) or write access
// (upload, overwrite or delete objects, change ACLs, policies and settings). FSBP S3.2 is about public read and
// S3.3 about public write (AWS Config rules s3-bucket-public-read-prohibited and s3-bucket-public-write-prohibited),
// so one public verdict for both would report a world-readable bucket as world-writable.
import { asArray } from './resource-policy';

/* eslint-disable @typescript-eslint/no-explicit-any -- policy documents are free-form JSON */
type Json = Record<string, any>;

export interface AccessKind {
  read: boolean;
  write: boolean;
}

/**
 * ACL permissions (https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#permissions): READ lists
 * and reads, READ_ACP reads the ACL; WRITE creates, overwrites and deletes objects, WRITE_ACP rewrites the ACL (and so
 * can grant anything); FULL_CONTROL is all four.
 */
export function aclPermissionKind(permission: unknown): AccessKind {
  switch (String(permission)) {
    case 'READ':
    case 'READ_ACP':
      return { read: true, write: false };
    case 'WRITE':
    case 'WRITE_ACP':
      return { read: false, write: true };
    case 'FULL_CONTROL':
      return { read: true, write: true };
    default:
      // An unknown permission name: count it as both rather than call a public grant harmless.
      return { read: true, write: true };
  }
}

/** Actions that read a bucket or its objects; a pattern that matches one of them grants read access. */
const READ_ACTIONS = [
  's3:GetObject',
  's3:GetObjectVersion',
  's3:GetObjectAcl',
  's3:GetObjectTagging',
  's3:GetObjectAttributes',
  's3:ListBucket',
  's3:ListBucketVersions',
  's3:ListBucketMultipartUploads',
  's3:ListMultipartUploadParts',
  's3:GetBucketAcl',
  's3:GetBucketPolicy',
  's3:GetBucketLocation',
];

/** Actions that change a bucket or its objects; a pattern that matches one of them grants write access. */
const WRITE_ACTIONS = [
  's3:PutObject',
  's3:PutObjectAcl',
  's3:PutObjectTagging',
  's3:PutObjectRetention',
  's3:PutObjectLegalHold',
  's3:DeleteObject',
  's3:DeleteObjectVersion',
  's3:DeleteObjectTagging',
  's3:AbortMultipartUpload',
  's3:RestoreObject',
  's3:ReplicateObject',
  's3:ReplicateDelete',
  's3:BypassGovernanceRetention',
  's3:PutBucketAcl',
  's3:PutBucketPolicy',
  's3:DeleteBucketPolicy',
  's3:PutBucketPublicAccessBlock',
  's3:PutBucketVersioning',
  's3:PutLifecycleConfiguration',
  's3:PutEncryptionConfiguration',
  's3:DeleteBucket',
];

/** IAM action matching: case-insensitive, `*` and `?` wildcards. */
function actionPattern(pattern: string): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

function matchesAny(patterns: unknown[], action: string): boolean {
  return patterns.some((p) => typeof p === 'string' && actionPattern(p).test(action));
}

/** A named action outside the lists: Get/List reads, anything else on S3 changes something. */
function namedActionKind(action: string): AccessKind {
  if (/[*?]/.test(action) || !/^s3:/i.test(action)) return { read: false, write: false };
  const read = /^s3:(get|list)/i.test(action);
  return { read, write: !read };
}

/** What an Allow statement of a bucket policy grants: read access, write access or both. */
export function policyStatementKind(statement: Json): AccessKind {
  if (statement.NotAction !== undefined) {
    // NotAction grants every action it does not name.
    const excluded = asArray(statement.NotAction as unknown);
    return {
      read: READ_ACTIONS.some((action) => !matchesAny(excluded, action)),
      write: WRITE_ACTIONS.some((action) => !matchesAny(excluded, action)),
    };
  }
  const patterns = asArray(statement.Action as unknown);
  const kind: AccessKind = {
    read: READ_ACTIONS.some((action) => matchesAny(patterns, action)),
    write: WRITE_ACTIONS.some((action) => matchesAny(patterns, action)),
  };
  for (const pattern of patterns) {
    if (typeof pattern !== 'string') continue;
    const named = namedActionKind(pattern);
    kind.read ||= named.read;
    kind.write ||= named.write;
  }
  return kind;
}
