// Pure: ListFunctions item + detail outcomes -> the aws_lambda_function asset and its edges (CATALOG.md).
//
// Example: { FunctionName: 'api', FunctionArn: 'arn:aws:lambda:us-east-1:1:function:api', Role: 'arn:aws:iam::1:role/r',
//   VpcConfig: { SubnetIds: ['subnet-1'], SecurityGroupIds: ['sg-1'] } }
// -> asset id = FunctionArn; function USES role; sg-1 PROTECTS function; function IN subnet-1.
import type {
  FunctionConfiguration,
  FunctionUrlConfig,
  GetPolicyCommandOutput,
} from '@aws-sdk/client-lambda';
import type { Asset, Relationship } from '../../../store/model';
import { makeAsset, makeRelationship, parsePolicyDocument, plainConfig } from '../../shape';
import { mergeDetail, type DetailOutcome, type DetailResult } from '../../read';
import { mergeTags, tagsFromMap } from '../../tags';
import { ec2Arn, type Where } from '../../shape';

export const FUNCTION_TYPE = 'aws_lambda_function';

export interface FunctionDetails {
  policy?: DetailOutcome<GetPolicyCommandOutput>;
  urlConfigs?: DetailOutcome<{ FunctionUrlConfigs: FunctionUrlConfig[] }>;
  /** ListTags' `Tags` map. */
  tags?: DetailResult<Record<string, string>>;
}

export function transformFunction(
  scope: Where,
  fn: FunctionConfiguration,
  details: FunctionDetails,
): { asset: Asset; relationships: Relationship[] } {
  const id = fn.FunctionArn ?? '';
  const asset = makeAsset(scope, {
    id,
    type: FUNCTION_TYPE,
    class: 'Function',
    name: fn.FunctionName ?? id,
    config: plainConfig(fn),
  });
  mergeDetail(asset, 'Policy', details.policy, (output) => ({
    ...plainConfig(output),
    Policy: parsePolicyDocument(output.Policy),
  }));
  mergeDetail(asset, 'FunctionUrlConfigs', details.urlConfigs);
  mergeTags(asset, details.tags, tagsFromMap);

  const relationships: Relationship[] = [];
  if (fn.Role) relationships.push(makeRelationship(scope, id, 'USES', fn.Role));
  for (const groupId of fn.VpcConfig?.SecurityGroupIds ?? []) {
    relationships.push(makeRelationship(scope, ec2Arn(scope, `security-group/${groupId}`), 'PROTECTS', id));
  }
  for (const subnetId of fn.VpcConfig?.SubnetIds ?? []) {
    relationships.push(makeRelationship(scope, id, 'IN', ec2Arn(scope, `subnet/${subnetId}`)));
  }
  return { asset, relationships };
}
