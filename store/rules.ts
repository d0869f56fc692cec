// Suppression rule matching, shared by evaluation (applyResults) and rule changes (create/delete).

/**
 * SQL that is true when suppression `s` is active and every non-null field of it matches. The alert side is
 * given as SQL expressions so the same text serves alerts rows and incoming results.
 */
export function ruleMatches(target: {
  accountId: string;
  controlId: string;
  assetId: string;
  region: string;
  /** jsonb tags of the asset, NULL when the asset is unknown (then tag rules cannot match). */
  tags: string;
}): string {
  return `(s.expires_at IS NULL OR s.expires_at > now())
    AND (s.control_id IS NULL OR s.control_id = ${target.controlId})
    AND (s.asset_id IS NULL OR s.asset_id = ${target.assetId})
    AND (s.account_id IS NULL OR s.account_id = ${target.accountId})
    AND (s.region IS NULL OR s.region = ${target.region})
    AND (s.tag_key IS NULL OR (${target.tags} ? s.tag_key
         AND (s.tag_value IS NULL OR ${target.tags} ->> s.tag_key = s.tag_value)))`;
}

/** Tags of the asset of alert `alias`, by the (account_id, id) unique index. */
export function alertAssetTags(alias: string): string {
  return `(SELECT a.tags FROM assets a WHERE a.account_id = ${alias}.account_id AND a.id = ${alias}.asset_id)`;
}

/** Subquery: the rule to apply to alert `alias`: its current one while still active, else the oldest match. */
export function activeRuleForAlert(alias: string): string {
  return `(SELECT s.id FROM suppressions s
  WHERE ${ruleMatches({
    accountId: `${alias}.account_id`,
    controlId: `${alias}.control_id`,
    assetId: `${alias}.asset_id`,
    region: `${alias}.region`,
    tags: alertAssetTags(alias),
  })}
  ORDER BY (s.id = ${alias}.suppression_id) DESC NULLS LAST, s.created_at, s.id LIMIT 1)`;
}
