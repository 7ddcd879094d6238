import { readinessReport } from '@sluice/compliance';
import type { InfraEndpoints } from '../infra/index.ts';
import type { Stack } from '../stack/stack.ts';
import { showCallbacks } from './callbacks.demo.ts';
import { driveToConvergence } from './converge.demo.ts';
import { print, section } from './print.ts';
import { setUpParties } from './setup.demo.ts';
import { submitBatch } from './submit.demo.ts';
import { printSummary } from './summary.demo.ts';

/** The whole pipeline on the sandbox provider, told as a platform, its operators and finance would see it. */
export async function pipelineDemo(stack: Stack, endpoints: InfraEndpoints, runId: string): Promise<void> {
  section('Launch readiness of the sample program (config/programs/sandbox-global.yaml)');
  for (const line of readinessReport('sandbox-global').lines) print(`  ${line}`);
  const parties = await setUpParties(stack, runId);
  const batch = await submitBatch(stack, endpoints, parties, runId);
  const finalViews = await driveToConvergence(stack, batch);
  await showCallbacks(stack, batch);
  await printSummary(stack, endpoints, batch, finalViews);
}
