// Runs every analyser over the estate and merges their facts per asset (see controls/LANGUAGE.md, facts table).
import type { Estate } from '../engine/estate';
import type { ForeignAccounts } from './account-estates';
import { analyseAttackPaths } from './attack-paths';
import { analyseEksVersions } from './eks-versions';
import { analyseExposure, analyseNetworkAclIngress } from './exposure';
import { analyseIam } from './iam';
import { analysePublicAccess } from './public-access';
import { analyseVulnerabilities } from './vulnerabilities';
import { analyseS3Origins } from './s3-origins';

export interface AnalyserOptions {
  now?: Date;
  /** The other accounts of the store, for attack paths that cross accounts (none: paths stop at the estate). */
  foreignAccounts?: ForeignAccounts;
}

export type FactsByAsset = Map<string, Record<string, unknown>>;

function merge(into: FactsByAsset, assetId: string, facts: Record<string, unknown>): void {
  const existing = into.get(assetId);
  if (existing) Object.assign(existing, facts);
  else into.set(assetId, { ...facts });
}

/** Asset.id -> facts computed by the analysers (only assets that got at least one fact). */
export async function runAnalysers(estate: Estate, options: AnalyserOptions = {}): Promise<FactsByAsset> {
  const facts: FactsByAsset = new Map();
  const now = options.now ?? new Date();
  for (const [assetId, exposure] of analyseExposure(estate)) merge(facts, assetId, { exposure });
  for (const [assetId, ingress] of analyseNetworkAclIngress(estate)) merge(facts, assetId, { ingress });
  for (const [assetId, result] of analysePublicAccess(estate)) merge(facts, assetId, { public: result });
  for (const [assetId, s3Origins] of analyseS3Origins(estate)) merge(facts, assetId, { s3Origins });
  for (const [assetId, eksVersion] of analyseEksVersions(estate, { now }))
    merge(facts, assetId, { eksVersion });
  for (const [assetId, iam] of await analyseIam(estate, { now })) merge(facts, assetId, { iam });
  // After exposure: it ranks each workload's image findings by whether the internet reaches it.
  for (const [assetId, vulnerabilities] of analyseVulnerabilities(estate, facts))
    merge(facts, assetId, { vulnerabilities });
  // Last: it joins the exposure and IAM facts above.
  for (const [assetId, attackPaths] of await analyseAttackPaths(estate, facts, options.foreignAccounts))
    merge(facts, assetId, { attackPaths });
  return facts;
}
