// The demo estate as recorded AWS answers: one Recording per (demo account, round), generated in code from the
// account profile and a reference time, never stored as JSON.
import { ANY_REGION, Recording } from './recording';
import { FINAL_ROUND, estateContext } from './estate/profile';
import { recordNetwork } from './estate/record-network';
import { recordServices } from './estate/record-services';
import { recordIdentity } from './estate/record-identity';
import { recordStorage } from './estate/record-storage';
import { recordDistributions, recordHostedZones } from './estate/record-distributions';
import { recordProtection } from './estate/record-protection';
import {
  recordContacts,
  recordOrganizations,
  recordSecurityServices,
} from './estate/record-security-services';

export interface DemoRecordingOptions {
  /** 0 .. FINAL_ROUND (default: the final state). */
  round?: number;
  /** Reference time dates are computed from (key ages, last use); default now. */
  now?: Date;
}

/** Every answer the collector needs to read demo account `awsAccountId` (throws for an unknown account). */
export function demoRecordings(awsAccountId: string, options: DemoRecordingOptions = {}): Recording {
  const round = options.round ?? FINAL_ROUND;
  if (!Number.isInteger(round) || round < 0 || round > FINAL_ROUND)
    throw new Error(`demo round must be an integer 0-${FINAL_ROUND}, got ${round}`);
  const ctx = estateContext(awsAccountId, round, options.now ?? new Date());
  const recording = new Recording();
  ctx.account.regions.forEach((region, index) => {
    recordNetwork(recording, ctx, region, index);
    recordServices(recording, ctx, region, index);
    recordSecurityServices(recording, ctx, region, index);
    recordProtection(recording, ctx, region, index);
  });
  recordIdentity(recording, ctx);
  recordStorage(recording, ctx);
  recordDistributions(recording, ctx);
  recordHostedZones(recording, ctx);
  recordOrganizations(recording);
  recordContacts(recording, ctx);
  // STS for anything that asks who it is (credential checks); the demo credentials are static.
  recording.output(
    'STS',
    'GetCallerIdentity',
    ANY_REGION,
    {},
    {
      Account: awsAccountId,
      Arn: `arn:aws:sts::${awsAccountId}:assumed-role/CloudwardReadOnly/cloudward-demo`,
      UserId: 'AROADEMO:cloudward-demo',
    },
  );
  return recording;
}
