// Pure transform: ListNotebookInstances summary + DescribeNotebookInstance + ListTags ->
// aws_sagemaker_notebook_instance.
import type { NotebookInstanceSummary, Tag } from '@aws-sdk/client-sagemaker';
import type { Asset, Relationship } from '../../../store/model';
import { kmsKeyArnOf } from '../../arn';
import { type DetailResult, type OutputOutcome, mergeDetails } from '../../read';
import { type Where, ec2Arn, makeAsset, makeRelationship, tagMap } from '../../shape';
import { mergeTags } from '../../tags';

export interface NotebookRead {
  summary: NotebookInstanceSummary;
  /** DescribeNotebookInstance's output. */
  notebook: OutputOutcome;
  /** ListTags' `Tags`, every page. */
  tags: DetailResult<Tag[]>;
}

/**
 * Example: {NotebookInstanceName: "research", NotebookInstanceArn} + {DirectInternetAccess: "Disabled", RootAccess:
 * "Disabled", SubnetId: "subnet-1", SecurityGroups: ["sg-1"], KmsKeyId, RoleArn} + [{Key: "team", Value: "ml"}] ->
 * id the ARN, config {NotebookInstanceName, NotebookInstanceArn, NotebookInstance: {...}, Tags: [...]}, tags
 * {team: "ml"}. The presigned URL is not asked for; `Url` is the instance's host name, no credential.
 */
export function notebookAsset(scope: Where, read: NotebookRead): Asset {
  const arn = read.summary.NotebookInstanceArn as string;
  const merged = mergeDetails(
    { NotebookInstanceName: read.summary.NotebookInstanceName, NotebookInstanceArn: arn },
    { NotebookInstance: read.notebook },
  );
  const asset = makeAsset(scope, {
    id: arn,
    type: 'aws_sagemaker_notebook_instance',
    class: 'Host',
    name: read.summary.NotebookInstanceName ?? arn,
    config: merged.config,
    readErrors: merged.readErrors,
  });
  mergeTags(asset, read.tags, (tags) => tagMap(tags));
  return asset;
}

interface NotebookConfig {
  RoleArn?: string;
  SubnetId?: string;
  SecurityGroups?: string[];
  KmsKeyId?: string;
}

/**
 * The notebook USES its execution role and is IN its subnet; its security groups PROTECT it; its KMS key (the one
 * that encrypts its storage volume, named by key ARN or key id) ENCRYPTS it.
 */
export function notebookRelationships(scope: Where, notebook: Asset): Relationship[] {
  const config = notebook.config.NotebookInstance as NotebookConfig | undefined;
  const relationships: Relationship[] = [];
  if (config?.RoleArn) relationships.push(makeRelationship(scope, notebook.id, 'USES', config.RoleArn));
  if (config?.SubnetId)
    relationships.push(
      makeRelationship(scope, notebook.id, 'IN', ec2Arn(scope, `subnet/${config.SubnetId}`)),
    );
  for (const group of config?.SecurityGroups ?? [])
    relationships.push(
      makeRelationship(scope, ec2Arn(scope, `security-group/${group}`), 'PROTECTS', notebook.id),
    );
  const key = kmsKeyArnOf(scope, config?.KmsKeyId);
  if (key) relationships.push(makeRelationship(scope, key, 'ENCRYPTS', notebook.id));
  return relationships;
}
