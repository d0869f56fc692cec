// EventBridge, Step Functions, Kinesis, SageMaker notebooks and SNS topic policies end to end against moto
// (`moto_server`, an emulator nobody on the team wrote): the estate of workflows_estate.py is scanned with
// `cloudward scan`. Skipped where moto_server or boto3 is not installed.
import { motoSuite, scanMoto, startMoto, statusesOf, type MotoServer, type ScanReport } from './moto-server';

motoSuite('EventBridge, Step Functions, Kinesis and SageMaker on moto')(
  'EventBridge, Step Functions, Kinesis and SageMaker on moto',
  () => {
    let moto: MotoServer;
    let report: ScanReport;
    let code: number;

    beforeAll(async () => {
      moto = await startMoto();
      await moto.seed('workflows_estate.py');
      ({ report, code } = await scanMoto(moto, ['--regions', 'us-east-1']));
    }, 120_000);

    afterAll(async () => {
      await moto?.stop();
    });

    const status = (controlId: string, resource: string) => statusesOf(report, controlId, resource);
    const ids = (type: string) =>
      report.assets
        .filter((asset) => asset.type === type)
        .map((asset) => asset.id)
        .sort();

    it('reads the four services; moto lacking ListEndpoints costs only the global endpoints', () => {
      expect(code).toBe(0);
      // moto 5 answers ListEndpoints with an HTML 500: that type alone is incomplete, buses and rules are read.
      expect(
        report.errors
          .filter((error) =>
            ['eventbridge', 'stepfunctions', 'kinesis', 'sagemaker', 'sns'].includes(error.service),
          )
          .map((error) => error.message.split(':')[0]),
      ).toEqual(['aws_eventbridge_endpoint']);
      expect(ids('aws_eventbridge_event_bus')).toEqual(
        ['default', 'w-bare', 'w-open', 'w-org'].map(
          (name) => `arn:aws:events:us-east-1:123456789012:event-bus/${name}`,
        ),
      );
      expect(ids('aws_eventbridge_rule')).toEqual([
        'arn:aws:events:us-east-1:123456789012:rule/w-org/w-rule',
      ]);
      expect(ids('aws_stepfunctions_state_machine')).toHaveLength(2);
      expect(ids('aws_kinesis_stream')).toHaveLength(2);
      expect(ids('aws_sagemaker_notebook_instance')).toHaveLength(2);
    });

    it('flags the bus and the topic open to everyone, not the ones restricted by org or account', () => {
      expect(status('eventbridge_event_bus_not_public', 'w-open')).toEqual(['fail']);
      expect(status('eventbridge_event_bus_not_public', 'w-org')).toEqual(['pass']);
      expect(status('eventbridge_event_bus_not_public', 'w-bare')).toEqual(['pass']);
      expect(status('sns_topic_not_public', 'w-open-topic')).toEqual(['fail']);
      expect(status('sns_topic_not_public', 'w-owner-topic')).toEqual(['pass']);
    });

    it('asks custom buses for a policy (EventBridge.3)', () => {
      expect(status('eventbridge_custom_event_bus_policy_attached', 'w-org')).toEqual(['pass']);
      expect(status('eventbridge_custom_event_bus_policy_attached', 'w-bare')).toEqual(['fail']);
      expect(status('eventbridge_custom_event_bus_policy_attached', 'default')).toEqual(['not_applicable']);
    });

    it('tells logged, encrypted, private resources from the defaults', () => {
      expect(status('stepfunctions_state_machine_logging_enabled', 'w-logged')).toEqual(['pass']);
      expect(status('stepfunctions_state_machine_logging_enabled', 'w-silent')).toEqual(['fail']);
      expect(status('kinesis_stream_encrypted_at_rest', 'w-encrypted')).toEqual(['pass']);
      expect(status('kinesis_stream_encrypted_at_rest', 'w-plain')).toEqual(['fail']);
      expect(status('kinesis_stream_retention_at_least_7_days', 'w-encrypted')).toEqual(['pass']);
      expect(status('kinesis_stream_retention_at_least_7_days', 'w-plain')).toEqual(['fail']);
      for (const control of [
        'sagemaker_notebook_instance_no_direct_internet_access',
        'sagemaker_notebook_instance_in_vpc',
        'sagemaker_notebook_instance_root_access_disabled',
      ]) {
        expect([control, status(control, 'w-private')]).toEqual([control, ['pass']]);
        expect([control, status(control, 'w-default')]).toEqual([control, ['fail']]);
      }
    });
  },
);
