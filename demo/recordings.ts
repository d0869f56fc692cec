// The demo estate as recorded AWS answers: one Recording per (demo account, round), generated in code from the
// account profile and a reference time, never stored as JSON.
import { ANY_REGION, Recording } from './recording';
import { DEMO_REGIONS, FINAL_ROUND, estateContext } from './estate/profile';
import { recordNetwork } from './estate/record-network';
import { recordServices } from './estate/record-services';
import { recordIdentity } from './estate/record-identity';
import { recordStorage } from './estate/record-storage';
import { recordDistributions, recordHostedZones } from './estate/record-distributions';
import { recordContacts, recordSecurityServices } from './estate/record-security-services';
import { DEMO_MEMBERS, DEMO_LANDING_ZONE_ACCOUNT_IDS, recordOrganization } from './estate/organization';
import { recordLandingZoneAccount } from './estate/record-landing-zone';
import { recordProtection } from './estate/record-protection';

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
  const now = options.now ?? new Date();
  const recording = new Recording();
  // The organization's own accounts (management, security tooling, sandbox) have small estates of their own.
  if (DEMO_LANDING_ZONE_ACCOUNT_IDS.includes(awsAccountId)) {
    const member = DEMO_MEMBERS.find((candidate) => candidate.awsAccountId === awsAccountId)!;
    recordLandingZoneAccount(recording, member, DEMO_REGIONS, now);
    recordOrganization(recording, awsAccountId, round, now);
    recordContacts(recording, member.name !== 'Sandbox');
    recordCallerIdentity(recording, awsAccountId);
    return recording;
  }
  const ctx = estateContext(awsAccountId, round, now);
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
  recordOrganization(recording, awsAccountId, round, now);
  recordContacts(recording, ctx.account.kind === 'production');
  recordCallerIdentity(recording, awsAccountId);
  return recording;
}

function recordCallerIdentity(recording: Recording, awsAccountId: string): void {
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
}
