// The AWS region list lives in onboarding/regions.ts (the lower layer; api -> onboarding is allowed), so the
// API's validation and the onboarding templates can never disagree. Re-exported here for the API's callers.
export {
  AWS_REGIONS,
  REGION_CODES,
  defaultRegionFor,
  findRegion,
  isKnownRegion,
} from '../onboarding/regions';
export type { AwsRegion, Partition } from '../onboarding/regions';
