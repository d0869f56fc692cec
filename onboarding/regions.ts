// The one list of AWS regions Cloudward accepts (api/regions.ts can re-export it: api -> onboarding is allowed).
// Opt-in regions are disabled in an account until its owner enables them; a sync of a region that is not
// enabled fails with OptInRequired and is recorded, not hidden.
export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov' | 'aws-eusc';

export interface AwsRegion {
  code: string;
  name: string;
  partition: Partition;
  /** Launched after March 2019: must be enabled in the account before use. */
  optIn: boolean;
}

export const AWS_REGIONS: readonly AwsRegion[] = [
  { code: 'us-east-1', name: 'US East (N. Virginia)', partition: 'aws', optIn: false },
  { code: 'us-east-2', name: 'US East (Ohio)', partition: 'aws', optIn: false },
  { code: 'us-west-1', name: 'US West (N. California)', partition: 'aws', optIn: false },
  { code: 'us-west-2', name: 'US West (Oregon)', partition: 'aws', optIn: false },
  { code: 'af-south-1', name: 'Africa (Cape Town)', partition: 'aws', optIn: true },
  { code: 'ap-east-1', name: 'Asia Pacific (Hong Kong)', partition: 'aws', optIn: true },
  { code: 'ap-east-2', name: 'Asia Pacific (Taipei)', partition: 'aws', optIn: true },
  { code: 'ap-south-1', name: 'Asia Pacific (Mumbai)', partition: 'aws', optIn: false },
  { code: 'ap-south-2', name: 'Asia Pacific (Hyderabad)', partition: 'aws', optIn: true },
  { code: 'ap-northeast-1', name: 'Asia Pacific (Tokyo)', partition: 'aws', optIn: false },
  { code: 'ap-northeast-2', name: 'Asia Pacific (Seoul)', partition: 'aws', optIn: false },
  { code: 'ap-northeast-3', name: 'Asia Pacific (Osaka)', partition: 'aws', optIn: false },
  { code: 'ap-southeast-1', name: 'Asia Pacific (Singapore)', partition: 'aws', optIn: false },
  { code: 'ap-southeast-2', name: 'Asia Pacific (Sydney)', partition: 'aws', optIn: false },
  { code: 'ap-southeast-3', name: 'Asia Pacific (Jakarta)', partition: 'aws', optIn: true },
  { code: 'ap-southeast-4', name: 'Asia Pacific (Melbourne)', partition: 'aws', optIn: true },
  { code: 'ap-southeast-5', name: 'Asia Pacific (Malaysia)', partition: 'aws', optIn: true },
  { code: 'ap-southeast-6', name: 'Asia Pacific (New Zealand)', partition: 'aws', optIn: true },
  { code: 'ap-southeast-7', name: 'Asia Pacific (Thailand)', partition: 'aws', optIn: true },
  { code: 'ca-central-1', name: 'Canada (Central)', partition: 'aws', optIn: false },
  { code: 'ca-west-1', name: 'Canada West (Calgary)', partition: 'aws', optIn: true },
  { code: 'eu-central-1', name: 'Europe (Frankfurt)', partition: 'aws', optIn: false },
  { code: 'eu-central-2', name: 'Europe (Zurich)', partition: 'aws', optIn: true },
  { code: 'eu-west-1', name: 'Europe (Ireland)', partition: 'aws', optIn: false },
  { code: 'eu-west-2', name: 'Europe (London)', partition: 'aws', optIn: false },
  { code: 'eu-west-3', name: 'Europe (Paris)', partition: 'aws', optIn: false },
  { code: 'eu-south-1', name: 'Europe (Milan)', partition: 'aws', optIn: true },
  { code: 'eu-south-2', name: 'Europe (Spain)', partition: 'aws', optIn: true },
  { code: 'eu-north-1', name: 'Europe (Stockholm)', partition: 'aws', optIn: false },
  { code: 'il-central-1', name: 'Israel (Tel Aviv)', partition: 'aws', optIn: true },
  { code: 'me-south-1', name: 'Middle East (Bahrain)', partition: 'aws', optIn: true },
  { code: 'me-central-1', name: 'Middle East (UAE)', partition: 'aws', optIn: true },
  { code: 'mx-central-1', name: 'Mexico (Central)', partition: 'aws', optIn: true },
  { code: 'sa-east-1', name: 'South America (São Paulo)', partition: 'aws', optIn: false },
  { code: 'cn-north-1', name: 'China (Beijing)', partition: 'aws-cn', optIn: false },
  { code: 'cn-northwest-1', name: 'China (Ningxia)', partition: 'aws-cn', optIn: false },
  { code: 'us-gov-east-1', name: 'AWS GovCloud (US-East)', partition: 'aws-us-gov', optIn: false },
  { code: 'us-gov-west-1', name: 'AWS GovCloud (US-West)', partition: 'aws-us-gov', optIn: false },
  {
    code: 'eusc-de-east-1',
    name: 'AWS European Sovereign Cloud (Germany)',
    partition: 'aws-eusc',
    optIn: false,
  },
];

const BY_CODE = new Map(AWS_REGIONS.map((region) => [region.code, region]));

export const REGION_CODES: readonly string[] = AWS_REGIONS.map((region) => region.code);

export function findRegion(code: string): AwsRegion | undefined {
  return BY_CODE.get(code);
}

export function isKnownRegion(code: string): boolean {
  return BY_CODE.has(code);
}

/** The region STS is called in when nothing else says which: each partition has its own endpoints. */
export function defaultRegionFor(partition: string): string {
  switch (partition) {
    case 'aws-cn':
      return 'cn-north-1';
    case 'aws-us-gov':
      return 'us-gov-west-1';
    case 'aws-eusc':
      return 'eusc-de-east-1';
    default:
      return 'us-east-1';
  }
}
