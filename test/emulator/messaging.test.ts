// SQS and Secrets Manager end to end against moto (`moto_server`, an emulator nobody on the team wrote): the estate
// of messaging_estate.py is scanned with `cloudward scan`. Skipped where moto_server or boto3 is not installed.
import { motoSuite, scanMoto, startMoto, statusesOf, type MotoServer, type ScanReport } from './moto-server';

motoSuite('SQS and Secrets Manager on moto')('SQS and Secrets Manager on moto', () => {
  let moto: MotoServer;
  let report: ScanReport;
  let code: number;

  beforeAll(async () => {
    moto = await startMoto();
    await moto.seed('messaging_estate.py');
    // moto stamps CreatedDate with the wall clock, so the evaluation runs on it too (the 90-day control).
    ({ report, code } = await scanMoto(moto, ['--regions', 'us-east-1'], { now: new Date() }));
  }, 120_000);

  afterAll(async () => {
    await moto?.stop();
  });

  const status = (controlId: string, resource: string) => statusesOf(report, controlId, resource);

  it('reads both services without errors', () => {
    expect(code).toBe(0);
    expect(report.errors.filter((error) => ['sqs', 'secretsmanager'].includes(error.service))).toEqual([]);
    expect(
      report.assets
        .filter((asset) => asset.type === 'aws_sqs_queue')
        .map((asset) => asset.id)
        .sort(),
    ).toEqual([
      'arn:aws:sqs:us-east-1:123456789012:m-encrypted',
      'arn:aws:sqs:us-east-1:123456789012:m-kms',
      'arn:aws:sqs:us-east-1:123456789012:m-plain',
    ]);
    expect(report.assets.filter((asset) => asset.type === 'aws_secretsmanager_secret')).toHaveLength(2);
  });

  it('tells encrypted queues (SSE-SQS, KMS) from the unencrypted one', () => {
    expect(status('sqs_queue_encrypted_at_rest', 'm-encrypted')).toEqual(['pass']);
    expect(status('sqs_queue_encrypted_at_rest', 'm-kms')).toEqual(['pass']);
    expect(status('sqs_queue_encrypted_at_rest', 'm-plain')).toEqual(['fail']);
  });

  it('finds the queue and the secret whose policies let anyone in, not the restricted or policy-less ones', () => {
    expect(status('sqs_queue_not_public', 'm-plain')).toEqual(['fail']);
    expect(status('sqs_queue_not_public', 'm-encrypted')).toEqual(['pass']);
    expect(status('sqs_queue_not_public', 'm-kms')).toEqual(['pass']);
    const secret = (name: string) =>
      report.findings
        .filter(
          (finding) =>
            finding.controlId === 'secretsmanager_secret_not_public' && finding.resourceId === name,
        )
        .map((finding) => finding.status);
    expect(secret('m-public')).toEqual(['fail']);
    expect(secret('m-private')).toEqual(['pass']);
  });

  it('fails rotation for secrets without it, and counts never-read new secrets as in use', () => {
    const of = (controlId: string) =>
      report.findings.filter((finding) => finding.controlId === controlId).map((finding) => finding.status);
    expect(of('secretsmanager_secret_rotation_enabled')).toEqual(['fail', 'fail']);
    expect(of('secretsmanager_secret_accessed_within_90_days')).toEqual(['pass', 'pass']);
  });
});
