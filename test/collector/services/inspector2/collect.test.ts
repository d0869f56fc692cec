import {
  AccessDeniedException,
  BatchGetAccountStatusCommand,
  type BatchGetAccountStatusCommandOutput,
  Inspector2Client,
} from '@aws-sdk/client-inspector2';
import { mockClient } from 'aws-sdk-client-mock';
import { inspector2Collector } from '../../../../collector/services/inspector2';
import { testContext } from '../../harness';

const $metadata = { httpStatusCode: 200, requestId: '7e8f9a0b-0000-4000-8000-000000000001' };
const ACCOUNT = '123456789012';
const state = (status: 'ENABLED' | 'DISABLED') => ({ status, errorCode: undefined, errorMessage: undefined });

const inspector = mockClient(Inspector2Client);
beforeEach(() => inspector.reset());

describe('inspector2Collector', () => {
  it('emits one status asset per region with the scan state of EC2, ECR and Lambda', async () => {
    const output: BatchGetAccountStatusCommandOutput = {
      $metadata,
      accounts: [
        {
          accountId: ACCOUNT,
          state: state('ENABLED'),
          resourceState: {
            ec2: state('ENABLED'),
            ecr: state('DISABLED'),
            lambda: state('ENABLED'),
            lambdaCode: state('DISABLED'),
          },
        },
      ],
      failedAccounts: [],
    };
    inspector.on(BatchGetAccountStatusCommand).resolves(output);
    const run = testContext(inspector2Collector, { accountId: ACCOUNT, region: 'eu-west-1' });
    await inspector2Collector.collect(run.ctx);
    expect(run.assets).toHaveLength(1);
    expect(run.assets[0]).toMatchObject({
      id: `arn:aws:inspector2:eu-west-1:${ACCOUNT}:account-status`,
      type: 'aws_inspector2_account_status',
      region: 'eu-west-1',
      config: {
        State: { status: 'ENABLED' },
        ResourceState: {
          ec2: { status: 'ENABLED' },
          ecr: { status: 'DISABLED' },
          lambda: { status: 'ENABLED' },
          lambdaCode: { status: 'DISABLED' },
        },
      },
    });
    expect(run.assets[0].readErrors).toBeUndefined();
    // No accountIds: AWS answers for the caller.
    expect(inspector.commandCalls(BatchGetAccountStatusCommand)[0].args[0].input).toEqual({});
  });

  it('keeps a never-enabled account as DISABLED (a valid answer, not an error)', async () => {
    inspector.on(BatchGetAccountStatusCommand).resolves({
      $metadata,
      accounts: [
        {
          accountId: ACCOUNT,
          state: state('DISABLED'),
          resourceState: { ec2: state('DISABLED'), ecr: state('DISABLED'), lambda: state('DISABLED') },
        },
      ],
      failedAccounts: [],
    });
    const run = testContext(inspector2Collector, { accountId: ACCOUNT });
    await inspector2Collector.collect(run.ctx);
    expect(run.assets[0].config.ResourceState).toMatchObject({ ec2: { status: 'DISABLED' } });
    expect(run.assets[0].readErrors).toBeUndefined();
  });

  it('marks the status unread when the account comes back in failedAccounts', async () => {
    inspector.on(BatchGetAccountStatusCommand).resolves({
      $metadata,
      accounts: [],
      failedAccounts: [
        {
          accountId: ACCOUNT,
          errorCode: 'ACCESS_DENIED',
          errorMessage: 'You do not have sufficient access to perform this action.',
        },
      ],
    });
    const run = testContext(inspector2Collector, { accountId: ACCOUNT });
    await inspector2Collector.collect(run.ctx);
    expect(run.assets[0].config).toEqual({ State: null, ResourceState: null });
    expect(run.assets[0].readErrors).toEqual({ State: 'ACCESS_DENIED', ResourceState: 'ACCESS_DENIED' });
  });

  it('emits an unread status and fails the unit when the call is denied', async () => {
    inspector.on(BatchGetAccountStatusCommand).rejects(
      new AccessDeniedException({
        $metadata: { httpStatusCode: 403 },
        message: `User: arn:aws:sts::${ACCOUNT}:assumed-role/CloudwardReadOnly/cloudward is not authorized to perform: inspector2:BatchGetAccountStatus`,
      }),
    );
    const run = testContext(inspector2Collector, { accountId: ACCOUNT });
    await expect(inspector2Collector.collect(run.ctx)).rejects.toMatchObject({
      name: 'AccessDeniedException',
    });
    expect(run.assets.map((asset) => asset.readErrors)).toEqual([
      { State: 'AccessDeniedException', ResourceState: 'AccessDeniedException' },
    ]);
  });
});
