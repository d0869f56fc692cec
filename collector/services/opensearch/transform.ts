// Pure transform: a DescribeDomains DomainStatus (access policy parsed) -> aws_opensearch_domain, with edges to its
// KMS key, VPC subnets and security groups.
import type { DomainStatus } from '@aws-sdk/client-opensearch';
import type { Asset, Relationship } from '../../../store/model';
import { kmsKeyArnOf } from '../../arn';
import {
  type Where,
  ec2Arn,
  makeAsset,
  makeRelationship,
  parsePolicyDocument,
  plainConfig,
} from '../../shape';

/**
 * Example: {DomainName: "logs", ARN, EngineVersion: "OpenSearch_2.13", AccessPolicies: '{"Version":...}',
 * EncryptionAtRestOptions: {Enabled: true}, VPCOptions: {VPCId, SubnetIds, SecurityGroupIds}} -> id ARN, config the
 * status as is with AccessPolicies parsed (null when the domain has no access policy: AWS answers "").
 */
export function domainAsset(scope: Where, status: DomainStatus): Asset {
  const config = plainConfig(status);
  config.AccessPolicies = status.AccessPolicies ? parsePolicyDocument(status.AccessPolicies) : null;
  return makeAsset(scope, {
    id: status.ARN as string,
    type: 'aws_opensearch_domain',
    class: 'Database',
    name: status.DomainName ?? (status.ARN as string),
    config,
  });
}

/** Its KMS key ENCRYPTS it; in a VPC, its security groups PROTECT it and it is IN its subnets. */
export function domainRelationships(scope: Where, domain: Asset): Relationship[] {
  const config = domain.config as {
    EncryptionAtRestOptions?: { KmsKeyId?: string };
    VPCOptions?: { SubnetIds?: string[]; SecurityGroupIds?: string[] };
  };
  const edges = (config.VPCOptions?.SecurityGroupIds ?? []).map((id) =>
    makeRelationship(scope, ec2Arn(scope, `security-group/${id}`), 'PROTECTS', domain.id),
  );
  for (const id of config.VPCOptions?.SubnetIds ?? [])
    edges.push(makeRelationship(scope, domain.id, 'IN', ec2Arn(scope, `subnet/${id}`)));
  const key = kmsKeyArnOf(scope, config.EncryptionAtRestOptions?.KmsKeyId);
  if (key) edges.push(makeRelationship(scope, key, 'ENCRYPTS', domain.id));
  return edges;
}
