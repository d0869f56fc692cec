// Input validation shared by the CLI, the API and the cdktf app, and external ID generation.
import { EXTERNAL_ID_PATTERN, generateExternalId } from '../../onboarding/external-id';
import { OnboardingInputError, parseOnboardingInput } from '../../onboarding/options';
import { BASE_INPUT } from './fixture';

function issueOf(overrides: Record<string, unknown>): string {
  try {
    parseOnboardingInput({ ...BASE_INPUT, ...overrides });
  } catch (error) {
    if (error instanceof OnboardingInputError) return error.message;
    throw error;
  }
  throw new Error('input was accepted');
}

it('applies defaults: role name, no region restriction, no EKS', () => {
  const options = parseOnboardingInput(BASE_INPUT);
  expect(options).toMatchObject({
    roleName: 'CloudwardReadOnly',
    restrictRegions: false,
    eksClusters: [],
    eksAll: false,
  });
});

it('de-duplicates regions, keeping their order', () => {
  expect(
    parseOnboardingInput({ ...BASE_INPUT, regions: ['us-east-1', 'eu-west-1', 'us-east-1'] }).regions,
  ).toEqual(['us-east-1', 'eu-west-1']);
});

it.each([
  [{ accountId: '12345' }, 'accountId: "12345" must be a 12-digit AWS account id'],
  [{ regions: ['eu-west-9'] }, 'regions.0: "eu-west-9" is not an AWS region'],
  [{ regions: [] }, 'regions: choose at least one region'],
  [{ regions: ['cn-north-1'] }, 'regions.0: "cn-north-1" is not in the aws partition'],
  [{ externalId: 'x' }, 'externalId: "x" must be 2-1224 characters'],
  [{ externalId: 'has space' }, 'externalId: "has space" must be'],
  [{ trustedPrincipal: 'arn:aws:s3:::bucket' }, 'trustedPrincipal: "arn:aws:s3:::bucket" must be an IAM ARN'],
  [{ roleName: 'bad/name' }, 'roleName: "bad/name" must be 1-64 characters'],
  [{ eksClusters: ['-bad'] }, 'eksClusters.0: "-bad" must be a cluster name'],
  [{ eksClusters: ['a'], eksAll: true }, 'eksAll: use either eksClusters or eksAll'],
])('rejects %j with a clear message', (overrides, message) => {
  expect(issueOf(overrides)).toContain(message);
});

it('accepts GovCloud principals with GovCloud regions', () => {
  const options = parseOnboardingInput({
    ...BASE_INPUT,
    trustedPrincipal: 'arn:aws-us-gov:iam::210987654321:role/cloudward',
    regions: ['us-gov-west-1'],
  });
  expect(options.regions).toEqual(['us-gov-west-1']);
});

describe('generateExternalId', () => {
  it('makes 32 characters AWS accepts', () => {
    const id = generateExternalId();
    expect(id).toHaveLength(32);
    expect(id).toMatch(EXTERNAL_ID_PATTERN);
    expect(id).toMatch(/^[A-Za-z0-9]+$/);
  });

  it('never repeats across many draws', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => generateExternalId()));
    expect(ids.size).toBe(1000);
  });
});
