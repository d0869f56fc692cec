// The demo estate's EventBridge, Step Functions, Kinesis and SageMaker answers, read through the real collector and
// evaluator: each control shows both verdicts where the estate was built to.
import { loadDemoForFile } from './fixtures';

const demo = loadDemoForFile();
const { verdicts } = demo;

describe('demo workflows, streams and notebooks', () => {
  it('reads them without a replay miss', () => {
    expect(demo.result.replayMisses).toEqual([]);
  });

  it('EventBridge: an organisation-only bus in Production; a public webhook bus and a bus without policy in Staging', async () => {
    expect(await verdicts('Production', 'eventbridge_event_bus_not_public')).toEqual([
      'default: pass',
      'production-orders: pass',
    ]);
    expect(await verdicts('Staging', 'eventbridge_event_bus_not_public')).toEqual([
      'default: pass',
      'staging-scratch: pass',
      'staging-webhooks: fail',
    ]);
    expect(await verdicts('Production', 'eventbridge_custom_event_bus_policy_attached')).toEqual([
      'default: not_applicable',
      'production-orders: pass',
    ]);
    expect(await verdicts('Staging', 'eventbridge_custom_event_bus_policy_attached')).toEqual([
      'default: not_applicable',
      'staging-scratch: fail',
      'staging-webhooks: pass',
    ]);
    expect(await verdicts('Production', 'eventbridge_global_endpoint_event_replication_enabled')).toEqual([
      'production-orders-failover: pass',
    ]);
    expect(await verdicts('Staging', 'eventbridge_global_endpoint_event_replication_enabled')).toEqual([
      'staging-webhooks-failover: fail',
    ]);
  });

  it("EventBridge: Production's order rule triggers the orders queue, which the graph holds", async () => {
    const account = demo.result.accounts.find((candidate) => candidate.name === 'Production')!;
    const rule = 'arn:aws:events:us-east-1:111111111111:rule/production-orders/order-created';
    const queue = 'arn:aws:sqs:us-east-1:111111111111:production-orders';
    const edges = (await demo.store.listRelationships(account.id, rule)).filter(
      (edge) => edge.fromId === rule,
    );
    expect(edges.map((edge) => [edge.verb, edge.toId])).toEqual(
      expect.arrayContaining([
        ['TRIGGERS', queue],
        ['IN', 'arn:aws:events:us-east-1:111111111111:event-bus/production-orders'],
      ]),
    );
  });

  it('Step Functions, Kinesis and SageMaker: Production passes, Staging fails', async () => {
    const pairs: [string, string, string][] = [
      ['stepfunctions_state_machine_logging_enabled', 'production-nightly-export', 'staging-etl'],
      ['stepfunctions_state_machine_xray_tracing_enabled', 'production-nightly-export', 'staging-etl'],
      ['kinesis_stream_encrypted_at_rest', 'production-clickstream', 'staging-events'],
      ['kinesis_stream_retention_at_least_7_days', 'production-clickstream', 'staging-events'],
      ['sagemaker_notebook_instance_no_direct_internet_access', 'production-research', 'staging-sandbox'],
      ['sagemaker_notebook_instance_in_vpc', 'production-research', 'staging-sandbox'],
      ['sagemaker_notebook_instance_root_access_disabled', 'production-research', 'staging-sandbox'],
      ['sagemaker_notebook_instance_kms_key_configured', 'production-research', 'staging-sandbox'],
    ];
    for (const [control, good, bad] of pairs) {
      expect([control, await verdicts('Production', control)]).toEqual([control, [`${good}: pass`]]);
      expect([control, await verdicts('Staging', control)]).toEqual([control, [`${bad}: fail`]]);
    }
  });
});
