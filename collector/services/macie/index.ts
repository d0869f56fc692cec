// Macie (regional): whether Amazon Macie is enabled in this region and whether automated sensitive data discovery
// runs, as one synthetic session asset per region. Macie answers "not enabled" with AccessDeniedException and the
// message "Macie is not enabled": that is a valid answer (a failed check), told apart from a denied permission
// ("... is not authorized to perform: macie2:GetMacieSession"), which is a read error.
import {
  GetAutomatedDiscoveryConfigurationCommand,
  GetMacieSessionCommand,
  Macie2Client,
} from '@aws-sdk/client-macie2';
import type { CollectContext, CollectorModule } from '../../types';
import { errorCode } from '../../errors';
import { readOutput, whereOf } from '../../read';
import { macieSessionAsset } from './transform';

export const macieCollector: CollectorModule = {
  service: 'macie',
  scope: 'regional',
  resourceTypes: [
    {
      type: 'aws_macie_session',
      class: 'Detector',
      listOperation: 'Macie2.GetMacieSession',
      detailOperations: ['Macie2.GetAutomatedDiscoveryConfiguration'],
      idSource: 'synthetic: arn:{partition}:macie2:{region}:{account}:session',
    },
  ],
  operations: [
    { api: 'Macie2.GetMacieSession', actions: ['macie2:GetMacieSession'] },
    {
      api: 'Macie2.GetAutomatedDiscoveryConfiguration',
      actions: ['macie2:GetAutomatedDiscoveryConfiguration'],
    },
  ],
  collect: collectMacie,
};

/** AccessDeniedException carrying this message means Macie is off in the region (not a missing permission). */
export function isMacieNotEnabled(error: unknown): boolean {
  const message = (error as { message?: unknown })?.message;
  return (
    errorCode(error) === 'AccessDeniedException' &&
    typeof message === 'string' &&
    /macie is not enabled/i.test(message)
  );
}

async function collectMacie(ctx: CollectContext): Promise<void> {
  const client = ctx.client(Macie2Client);
  const scope = whereOf(ctx, macieCollector.service);
  let session: Record<string, unknown> | null;
  try {
    session = { ...(await client.send(new GetMacieSessionCommand({}))) };
  } catch (error) {
    if (!isMacieNotEnabled(error)) {
      await ctx.emit({
        assets: [macieSessionAsset(scope, { session: { ok: false, code: errorCode(error) } })],
      });
      throw error;
    }
    session = null;
  }
  // Automated discovery only exists once Macie is on (the call is refused the same way otherwise).
  const discovery =
    session === null
      ? undefined
      : await readOutput(() => client.send(new GetAutomatedDiscoveryConfigurationCommand({})));
  await ctx.emit({
    assets: [macieSessionAsset(scope, { session: { ok: true, value: session }, discovery })],
  });
}
