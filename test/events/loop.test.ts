// The serve loops: one per enabled account and monitored region; a missing queue turns event mode off for that
// pair with one line (retried later), a queue with events is processed, and stop() ends the long polls.
import { QueueDoesNotExist, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { startEventConsumers } from '../../api/events/loop';
import { openStore } from '../../store';
import type { Store } from '../../store/store';

const sqs = mockClient(SQSClient);
let store: Store;

beforeEach(async () => {
  store = await openStore({ memory: true });
  sqs.reset();
});
afterEach(async () => {
  await store.close();
});

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(check()).toBe(true);
}

it('polls each enabled account in each region, says once when a queue is missing, and stops', async () => {
  const on = await store.createAccount({
    name: 'on',
    awsAccountId: '111111111111',
    roleArn: 'arn:aws:iam::111111111111:role/CloudwardReadOnly',
    externalIdCiphertext: 'v1:x:y:z',
    regions: ['eu-west-1', 'us-east-1'],
  });
  const off = await store.createAccount({
    name: 'off',
    awsAccountId: '222222222222',
    roleArn: 'arn:aws:iam::222222222222:role/CloudwardReadOnly',
    externalIdCiphertext: 'v1:x:y:z',
    regions: ['eu-west-1'],
  });
  await store.setAccountStatus(off.id, 'disabled');
  sqs
    .on(ReceiveMessageCommand)
    .resolves({ $metadata: {} })
    .on(ReceiveMessageCommand, {
      QueueUrl: 'https://sqs.us-east-1.amazonaws.com/111111111111/cloudward-events',
    })
    .rejects(
      new QueueDoesNotExist({
        message: 'The specified queue does not exist.',
        $metadata: { httpStatusCode: 400 },
      }),
    );
  const lines: string[] = [];
  const loops = startEventConsumers({
    store,
    credentialsFor: () => async () => ({ accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' }),
    evaluate: async () => undefined,
    log: { info: (line) => lines.push(line), warn: (line) => lines.push(line) },
    notSetUpRetryMs: 60_000,
  });
  try {
    await until(() => sqs.commandCalls(ReceiveMessageCommand).length >= 4);
    expect(loops.active().sort()).toEqual([`${on.id} eu-west-1`, `${on.id} us-east-1`]);
    const queues = new Set(
      sqs.commandCalls(ReceiveMessageCommand).map((call) => call.args[0].input.QueueUrl),
    );
    expect([...queues].sort()).toEqual([
      'https://sqs.eu-west-1.amazonaws.com/111111111111/cloudward-events',
      'https://sqs.us-east-1.amazonaws.com/111111111111/cloudward-events',
    ]);
    expect(lines.filter((line) => line.includes('event mode off'))).toEqual([
      `event mode off for account ${on.id} in us-east-1 (QueueDoesNotExist): apply the bundle's event resources to turn it on`,
    ]);
  } finally {
    await loops.stop();
  }
  expect(loops.active()).toEqual([]);
});
