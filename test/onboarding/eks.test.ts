// EKS access entries: Terraform resources (named clusters, or every cluster of each chosen region) and the
// equivalent AWS CLI script.
import { file, renderedBundle } from './fixture';

type Json = Record<string, any>;

describe('named clusters', () => {
  let config: Json;
  let script: string;
  beforeAll(async () => {
    const { files } = await renderedBundle({ eksClusters: ['prod', 'us-east-1:staging'] });
    config = JSON.parse(file(files, 'terraform/cdk.tf.json'));
    script = file(files, 'terraform/eks-access.sh');
  });

  it('creates a STANDARD access entry for the role on each cluster, in its region', () => {
    const roleKey = Object.keys(config.resource.aws_iam_role)[0];
    const entries = Object.values(config.resource.aws_eks_access_entry as Json).map((e) => [
      e.region,
      e.cluster_name,
      e.type,
      e.principal_arn,
    ]);
    expect(entries.sort()).toEqual([
      ['eu-west-1', 'prod', 'STANDARD', `\${aws_iam_role.${roleKey}.arn}`],
      ['us-east-1', 'staging', 'STANDARD', `\${aws_iam_role.${roleKey}.arn}`],
    ]);
  });

  it('associates AmazonEKSViewPolicy with cluster scope after the entry exists', () => {
    const associations = Object.values(config.resource.aws_eks_access_policy_association as Json);
    expect(associations).toHaveLength(2);
    for (const association of associations) {
      expect(association.policy_arn).toBe('arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy');
      expect(association.access_scope).toEqual({ type: 'cluster' });
      expect(association.depends_on[0]).toMatch(/^aws_eks_access_entry\./);
    }
  });

  it('writes the equivalent CLI script for the same clusters', () => {
    expect(script).toContain('aws eks create-access-entry');
    expect(script).toContain('aws eks associate-access-policy');
    expect(script).toContain('--access-scope type=cluster');
    expect(script).toContain('ROLE_ARN="${ROLE_ARN:-arn:aws:iam::123456789012:role/CloudwardReadOnly}"');
    expect(script.split('\n').filter((line) => line.startsWith('grant '))).toEqual([
      'grant eu-west-1 prod',
      'grant us-east-1 staging',
    ]);
  });
});

describe('every cluster (eksAll)', () => {
  let config: Json;
  let files: Map<string, string>;
  beforeAll(async () => {
    ({ files } = await renderedBundle({ eksAll: true }));
    config = JSON.parse(file(files, 'terraform/cdk.tf.json'));
  });

  it('reads the clusters of each chosen region and creates entries for each with for_each', () => {
    const sources = Object.values(config.data.aws_eks_clusters as Json).map((d) => d.region);
    expect(sources.sort()).toEqual(['eu-west-1', 'us-east-1']);
    const resources = [
      ...Object.values(config.resource.aws_eks_access_entry as Json),
      ...Object.values(config.resource.aws_eks_access_policy_association as Json),
    ];
    expect(resources).toHaveLength(4);
    for (const resource of resources) {
      const source = /data\.aws_eks_clusters\.([^.]+)\.names/.exec(resource.for_each)?.[1];
      expect(source).toBeDefined();
      // Each region's entries iterate over that region's cluster list.
      expect(config.data.aws_eks_clusters[source as string].region).toBe(resource.region);
      expect(resource.cluster_name).toBe('${each.value}');
    }
  });

  it('loops over aws eks list-clusters in each chosen region in the script, in every form', () => {
    for (const form of ['terraform', 'cloudformation', 'json']) {
      const script = file(files, `${form}/eks-access.sh`);
      expect(script).toContain('for REGION in eu-west-1 us-east-1; do');
      expect(script).toContain(
        `aws eks list-clusters --region "$REGION" --query 'clusters[*]' --output text`,
      );
    }
  });
});

it('adds no EKS resources or script unless asked', async () => {
  const { files } = await renderedBundle();
  expect(JSON.parse(file(files, 'terraform/cdk.tf.json')).resource.aws_eks_access_entry).toBeUndefined();
  expect([...files.keys()].filter((path) => path.endsWith('eks-access.sh'))).toEqual([]);
});
