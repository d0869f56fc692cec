// renderBundle: every requested form of one account's onboarding, as relative path -> file content.
import { ONBOARDING_FORMATS, type CollectorOperation, type OnboardingFormat } from '../options';
import { prepareOnboarding, type OnboardingPlan } from '../plan';
import { renderCloudFormation } from './cloudformation';
import { renderJson } from './json';
import { renderTerraform } from './terraform';

const RENDERERS: Record<OnboardingFormat, (plan: OnboardingPlan) => Map<string, string>> = {
  terraform: renderTerraform,
  cloudformation: renderCloudFormation,
  json: renderJson,
};

export function renderPlan(
  plan: OnboardingPlan,
  formats: readonly OnboardingFormat[] = ONBOARDING_FORMATS,
): Map<string, string> {
  const files = new Map<string, string>();
  for (const format of ONBOARDING_FORMATS.filter((candidate) => formats.includes(candidate))) {
    for (const [path, content] of RENDERERS[format](plan)) files.set(path, content);
  }
  return files;
}

export interface RenderBundleOptions {
  /** Raw onboarding input (validated here): accountId, regions, externalId, trustedPrincipal, roleName, ... */
  input: unknown;
  /** The collector's operations (`allOperations()` from collector/registry, passed in by the api/CLI layer). */
  operations: CollectorOperation[];
  formats?: readonly OnboardingFormat[];
}

export async function renderBundle(options: RenderBundleOptions): Promise<Map<string, string>> {
  const plan = await prepareOnboarding(options.input, options.operations);
  return renderPlan(plan, options.formats);
}

export { onboardingDocuments, type OnboardingDocuments } from './documents';
export { manualCommands } from './json';
export { renderEksScript } from './eks-script';
