// Dependencies point api -> onboarding/collector: onboarding's library modules never import collector code at
// run time (the operations are passed in). Only the cdktf entry point (onboarding/app.ts) loads the registry.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { inputFromEnvironment } from '../../onboarding/app';

const ROOT = join(__dirname, '..', '..', 'onboarding');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sources(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

it('keeps collector and api imports out of the onboarding library', () => {
  const offenders = sources(ROOT)
    .filter((path) => relative(ROOT, path) !== 'app.ts')
    .filter((path) =>
      /from '(\.\.\/)+(collector|api|evaluator|store)\//.test(
        readFileSync(path, 'utf8').replace(/^import type .*$/gm, ''),
      ),
    )
    .map((path) => relative(ROOT, path));
  expect(offenders).toEqual([]);
});

it('reads the cdktf app settings from CLOUDWARD_* variables', () => {
  expect(
    inputFromEnvironment({
      CLOUDWARD_ACCOUNT_ID: '123456789012',
      CLOUDWARD_REGIONS: 'eu-west-1, us-east-1',
      CLOUDWARD_TRUSTED_PRINCIPAL: 'arn:aws:iam::210987654321:role/cw',
      CLOUDWARD_RESTRICT_REGIONS: 'true',
      CLOUDWARD_EKS_CLUSTERS: 'prod',
      CLOUDWARD_EVENTS: 'true',
    }),
  ).toEqual({
    accountId: '123456789012',
    regions: ['eu-west-1', 'us-east-1'],
    externalId: undefined,
    trustedPrincipal: 'arn:aws:iam::210987654321:role/cw',
    roleName: undefined,
    restrictRegions: true,
    eksClusters: ['prod'],
    eksAll: false,
    events: true,
  });
});
