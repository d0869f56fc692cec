// Synthesises the onboarding stack in-process (no terraform binary needed) and returns Terraform JSON.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdktf';
import { CloudwardOnboardingStack, ONBOARDING_STACK_NAME } from './stack';
import type { OnboardingPlan } from './plan';

export function synthTerraform(plan: OnboardingPlan): string {
  const outdir = mkdtempSync(join(tmpdir(), 'cloudward-synth-'));
  try {
    const app = new App({ outdir, stackTraces: false });
    new CloudwardOnboardingStack(app, ONBOARDING_STACK_NAME, plan);
    app.synth();
    return readFileSync(join(outdir, 'stacks', ONBOARDING_STACK_NAME, 'cdk.tf.json'), 'utf8');
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
