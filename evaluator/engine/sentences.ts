// Plain words for results: how an asset, a relationship, a configuration key or a read error is named in the
// sentences a compliance officer reads (`evidence`, `reason`). The condition-language trace is kept apart.
import type { EvalAsset } from '../types';
import { shortId, typeLabel } from './values';

/** `web-1 (i-0abc)`, or just the id when the name is the id. */
export function nameAndId(asset: { id: string; name?: string }): string {
  const short = shortId(asset.id);
  return asset.name && asset.name !== short ? `${asset.name} (${short})` : short;
}

/** `instance web-1 (i-0abc)`. */
export function plainAsset(asset: { type: string; id: string; name?: string }): string {
  return `${typeLabel(asset.type)} ${nameAndId(asset)}`;
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `bucket` -> `buckets`, `policy` -> `policies`, left alone for one. */
export function plural(noun: string, count: number): string {
  if (count === 1) return noun;
  if (/[^aeiou]y$/.test(noun)) return `${noun.slice(0, -1)}ies`;
  if (/(s|x|ch|sh)$/.test(noun)) return `${noun}es`;
  return `${noun}s`;
}

/** `a, b and 2 more`. */
export function plainList(items: string[], sample: number): string {
  if (items.length <= 1) return items.join('');
  if (items.length <= sample) return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
  return `${items.slice(0, sample).join(', ')} and ${items.length - sample} more`;
}

const VERB_PHRASES: Record<string, [singular: string, plural: string]> = {
  PROTECTS: ['protects', 'protect'],
  USES: ['uses', 'use'],
  IN: ['is in', 'are in'],
  ROUTES: ['routes', 'route'],
  HAS: ['has', 'have'],
  ROUTES_TO: ['routes to', 'route to'],
  TRIGGERS: ['triggers', 'trigger'],
  MEMBER_OF: ['is a member of', 'are members of'],
  ATTACHED_TO: ['is attached to', 'are attached to'],
  CAN_ASSUME: ['can assume', 'can assume'],
  ENCRYPTS: ['encrypts', 'encrypt'],
  LOGS_TO: ['logs to', 'log to'],
  PEERS_WITH: ['peers with', 'peer with'],
  NOTIFIES: ['notifies', 'notify'],
  MONITORS: ['monitors', 'monitor'],
};

/** `PROTECTS` -> "protects" / "protect"; `direction: out` groups read "that <this> has". */
export function relationPhrase(verb: string): { singular: string; plural: string } {
  const [singular, plural] = VERB_PHRASES[verb] ?? [
    verb.toLowerCase().replace(/_/g, ' '),
    verb.toLowerCase(),
  ];
  return { singular, plural };
}

/** `PublicAccessBlockConfiguration` -> "public access block configuration"; `KMSKeyId` -> "KMS key id". */
export function humanizeKey(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_-]+/)
    .filter(Boolean)
    .map((word) => (/^[A-Z0-9]{2,}$/.test(word) ? word : word.toLowerCase()))
    .join(' ');
}

/** The named keys of a config path, humanized: `['State', 'Name']` -> "state name". Indices are left out. */
export function humanizePath(segments: string[]): string {
  return segments
    .filter((segment) => !/^\d+$/.test(segment))
    .map(humanizeKey)
    .join(' ');
}

/** A scalar as a person writes it; undefined for anything that is not one. */
export function plainScalar(value: unknown): string | undefined {
  if (typeof value === 'string') return value.length > 80 ? `${value.slice(0, 79)}…` : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** What the analysers decide, for "could not decide ..." sentences. */
const FACT_SUBJECTS: Record<string, string> = {
  exposure: 'whether it is reachable from the internet',
  public: 'whether it is public',
  ingress: 'what it lets in from the internet',
  iam: 'its effective IAM permissions',
  'iam.adminAccess': 'whether it grants administrator access',
  'iam.fullAdminStatement': 'whether it has a statement allowing everything',
  'iam.unrestrictedKmsDecrypt': 'whether it lets anyone decrypt with every KMS key',
  'iam.assumableBy': 'who can assume it',
  'public.read': 'whether everyone can read it',
  'public.write': 'whether everyone can write to it',
  'public.policy': 'whether its policy opens it to everyone',
  eksVersion: 'whether Amazon EKS still supports its Kubernetes version',
};

/** "Could not read the bucket policy of bucket logs-prod (AccessDenied)." style sentences for error rows. */
export function readErrorSentence(
  key: string,
  code: string,
  asset: EvalAsset | undefined,
  evaluated: EvalAsset,
): string {
  const whose = asset ? plainAsset(asset) : plainAsset(evaluated);
  const via = asset && asset.id !== evaluated.id ? `, which ${plainAsset(evaluated)} depends on` : '';
  if (key.startsWith('facts.')) {
    const fact = key.slice('facts.'.length);
    // The most precise subject known: `public.read`, else `public`, else the key in words.
    const subject =
      FACT_SUBJECTS[fact] ??
      FACT_SUBJECTS[fact.split('.')[0]] ??
      `its ${humanizeKey(fact.replace(/\./g, ' '))}`;
    return `Could not decide ${subject} for ${whose}${via}: ${code}.`;
  }
  return `Could not read the ${humanizeKey(key)} of ${whose}${via} (${code}).`;
}

export { typeLabel };
