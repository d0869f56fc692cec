// Pure transform: BatchGetAccountStatus (this account) -> aws_inspector2_account_status.
import type { BatchGetAccountStatusResponse } from '@aws-sdk/client-inspector2';
import type { Asset } from '../../../store/model';
import { type Where, makeAsset, plainConfig } from '../../shape';

/**
 * Example: {accounts: [{accountId: "a", state: {status: "ENABLED"}, resourceState: {ec2: {status: "ENABLED"}, ecr:
 * {status: "DISABLED"}, lambda: {status: "ENABLED"}, lambdaCode: {status: "DISABLED"}}}], failedAccounts: []} ->
 * config {State: {status: "ENABLED"}, ResourceState: {ec2: {...}, ecr: {...}, lambda: {...}, lambdaCode: {...}}}.
 * The account in failedAccounts (errorCode ACCESS_DENIED, ...), or the call refused (`failure`): State and
 * ResourceState null with readErrors.ResourceState = the code, so the scanning controls say error, not fail.
 */
export function accountStatusAsset(
  scope: Where,
  output: Pick<BatchGetAccountStatusResponse, 'accounts' | 'failedAccounts'> | undefined,
  failure?: string,
): Asset {
  const own = output?.accounts?.find((account) => account.accountId === scope.accountId);
  const failed = output?.failedAccounts?.find((account) => account.accountId === scope.accountId);
  const code = failure ?? failed?.errorCode ?? (own ? undefined : 'AccountNotInAnswer');
  return makeAsset(scope, {
    id: `arn:${scope.partition}:inspector2:${scope.region}:${scope.accountId}:account-status`,
    type: 'aws_inspector2_account_status',
    class: 'Detector',
    name: `inspector2 ${scope.region}`,
    config: {
      State: own?.state ? plainConfig(own.state) : null,
      ResourceState: own?.resourceState ? plainConfig(own.resourceState) : null,
    },
    readErrors: code ? { State: code, ResourceState: code } : undefined,
  });
}
