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
