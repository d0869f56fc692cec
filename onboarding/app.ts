// Entry point for `cdktf synth` (cdktf.json at the repository root runs `node dist/onboarding/app.js`).
// It is a composition root like the CLI: the only onboarding file that loads the collector registry, to pass its
// operations to the policy builder; the library modules never import collector code.
import { App } from 'cdktf';
import { allOperations } from '../collector/registry';
import { generateExternalId } from './external-id';
import { OnboardingInputError } from './options';
import { prepareOnboarding } from './plan';
import { CloudwardOnboardingStack, ONBOARDING_STACK_NAME } from './stack';

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

export function inputFromEnvironment(env: NodeJS.ProcessEnv): Record<string, unknown> {
  return {
    accountId: env.CLOUDWARD_ACCOUNT_ID,
    regions: list(env.CLOUDWARD_REGIONS),
    externalId: env.CLOUDWARD_EXTERNAL_ID,
    trustedPrincipal: env.CLOUDWARD_TRUSTED_PRINCIPAL,
    roleName: env.CLOUDWARD_ROLE_NAME || undefined,
    restrictRegions: env.CLOUDWARD_RESTRICT_REGIONS === 'true',
    eksClusters: list(env.CLOUDWARD_EKS_CLUSTERS),
    eksAll: env.CLOUDWARD_EKS_ALL === 'true',
    events: env.CLOUDWARD_EVENTS === 'true',
  };
}

async function main(): Promise<void> {
  const input = inputFromEnvironment(process.env);
  if (!input.externalId) {
    input.externalId = generateExternalId();
    process.stderr.write(
      `CLOUDWARD_EXTERNAL_ID not set; generated ${input.externalId} (var.external_id default)\n`,
    );
  }
  const plan = await prepareOnboarding(input, allOperations());
  const app = new App();
  new CloudwardOnboardingStack(app, ONBOARDING_STACK_NAME, plan);
  app.synth();
}

if (require.main === module) {
  main().catch((error: unknown) => {
    const message =
      error instanceof OnboardingInputError ? `CLOUDWARD_* settings: ${error.message}` : String(error);
    process.stderr.write(`${message}\n`);
    process.exit(error instanceof OnboardingInputError ? 2 : 1);
  });
}
