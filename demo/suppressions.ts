// The accepted risks a reviewer records in the demo: a website bucket that is public by design (no expiry) and
// Staging's Windows build host RDP group, accepted until its replacement ships (expires in 30 days).
import type { Account, Suppression } from '../store/model';
import type { Store } from '../store/store';
import { regionNetwork } from './estate/network';
import { type DemoAccount, FINAL_ROUND, estateContext } from './estate/profile';

export const DEMO_SUPPRESSION_AUTHOR = 'demo-reviewer@example.com';

export async function addDemoSuppressions(
  store: Store,
  accounts: { demo: DemoAccount; account: Account }[],
  now: Date,
): Promise<Suppression[]> {
  const created: Suppression[] = [];
  const rule = {
    controlId: null,
    assetId: null,
    accountId: null,
    region: null,
    tagKey: null,
    tagValue: null,
    author: DEMO_SUPPRESSION_AUTHOR,
    expiresAt: null,
  };
  for (const { demo, account } of accounts) {
    if (demo.kind === 'production') {
      created.push(
        await store.createSuppression({
          ...rule,
          accountId: account.id,
          assetId: 'arn:aws:s3:::production-public-website',
          justification:
            'Static marketing website served straight from S3; public read is intended (ticket SEC-112).',
        }),
      );
    } else {
      const ctx = estateContext(demo.awsAccountId, FINAL_ROUND, now);
      const region = demo.regions[1];
      const network = regionNetwork(ctx, region, 1);
      created.push(
        await store.createSuppression({
          ...rule,
          accountId: account.id,
          controlId: 'ec2_security_group_no_public_rdp_ingress',
          assetId: `arn:aws:ec2:${region}:${demo.awsAccountId}:security-group/${network.ids.sg.rdp}`,
          justification:
            'Windows build host needs RDP from the contractor pool until the SSM-based replacement ships.',
          expiresAt: new Date(now.getTime() + 30 * 86_400_000).toISOString(),
        }),
      );
    }
  }
  return created;
}
