// ARNs for resources whose API returns only an id, and the synthetic ids documented in CATALOG.md.
export function buildArn(
  partition: string,
  service: string,
  region: string,
  accountId: string,
  resource: string,
): string {
  return `arn:${partition}:${service}:${region}:${accountId}:${resource}`;
}

/** `arn:aws:iam::123456789012:role/x` -> { partition, service, region, accountId, resource } */
export function parseArn(
  arn: string,
): { partition: string; service: string; region: string; accountId: string; resource: string } | null {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return null;
  return {
    partition: parts[1],
    service: parts[2],
    region: parts[3],
    accountId: parts[4],
    resource: parts.slice(5).join(':'),
  };
}

/**
 * The key ARN a resource's KMS key reference names: a key ARN as is, a bare key id (UUID or `mrk-...`) as a key in
 * the resource's own region and account. Aliases (`alias/aws/sqs`) and alias ARNs name no key without ListAliases:
 * undefined, so no edge is guessed.
 */
export function kmsKeyArnOf(
  where: { partition: string; region: string; accountId: string },
  keyReference: string | undefined,
): string | undefined {
  if (!keyReference) return undefined;
  const arn = parseArn(keyReference);
  if (arn) return arn.service === 'kms' && arn.resource.startsWith('key/') ? keyReference : undefined;
  if (/^(mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/.test(keyReference))
    return buildArn(where.partition, 'kms', where.region, where.accountId, `key/${keyReference}`);
  return undefined;
}
