// Pure transform: GetMacieSession (+ GetAutomatedDiscoveryConfiguration) -> aws_macie_session.
import type { Asset } from '../../../store/model';
import { type OutputOutcome, mergeDetail } from '../../read';
import { type Where, makeAsset, plainConfig } from '../../shape';

export interface MacieRead {
  /** GetMacieSession's output; null when Macie is not enabled in the region. */
  session: OutputOutcome;
  /** GetAutomatedDiscoveryConfiguration's output; absent when Macie is not enabled (nothing to ask). */
  discovery?: OutputOutcome;
}

/**
 * Example: {status: "ENABLED", findingPublishingFrequency: "FIFTEEN_MINUTES", createdAt: Date, ...} + {status:
 * "ENABLED", classificationScopeId: "...", ...} -> config {Session: {status: "ENABLED", createdAt: "2025-...Z", ...},
 * AutomatedDiscovery: {status: "ENABLED", ...}}. Not enabled ("Macie is not enabled"): {Session: null,
 * AutomatedDiscovery: null}. GetMacieSession refused otherwise: readErrors.Session (and AutomatedDiscovery) = the
 * code.
 */
export function macieSessionAsset(scope: Where, read: MacieRead): Asset {
  const asset = makeAsset(scope, {
    id: `arn:${scope.partition}:macie2:${scope.region}:${scope.accountId}:session`,
    type: 'aws_macie_session',
    class: 'Detector',
    name: `macie ${scope.region}`,
    config: { Session: null, AutomatedDiscovery: null },
  });
  mergeDetail(asset, 'Session', read.session, (value) => plainConfig(value));
  if (!read.session.ok) mergeDetail(asset, 'AutomatedDiscovery', read.session);
  else mergeDetail(asset, 'AutomatedDiscovery', read.discovery, (value) => plainConfig(value));
  return asset;
}
