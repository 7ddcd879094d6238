import { randomBytes } from 'node:crypto';
import { TOPICS } from '@sluice/contracts';
import { ensureNamespaceTopics } from '@sluice/messaging';
import { DEMO_NAMESPACE } from '../demo/demo-namespace.ts';
import { guaranteesDemo } from '../demo/guarantees.demo.ts';
import { pipelineDemo } from '../demo/pipeline.demo.ts';
import { print, section } from '../demo/print.ts';
import { infraUp } from '../infra/index.ts';
import { withAdmin } from '../infra/kafka-admin.ts';
import { findRepoRoot } from '../infra/paths.ts';
import { startStack } from '../stack/stack.ts';
import type { Command } from './command.ts';

/** Shorter provider and polling delays than production defaults, so the demo converges in about a minute. */
const DEMO_ENV = {
  'provider-sandbox': { SANDBOX_TIMEOUT_DELAY_MS: '4000', SANDBOX_STEP_DELAY_MS: '300' },
  dispatch: { DISPATCH_PROVIDER_TIMEOUT_MS: '2000', DISPATCH_POLL_AFTER_MS: '1500', DISPATCH_FUNDING_CHECK_MS: '1000' },
};

/** `sluice demo`: the whole pipeline on the sandbox provider, ending in a readable summary. */
export const demoCommand: Command = {
  summary: 'bring the stack up, run payouts through the pipeline on the sandbox provider, print a summary',
  async run() {
    const started = performance.now();
    const runId = `demo-${randomBytes(3).toString('hex')}`;
    section('Infrastructure');
    const endpoints = await infraUp({ log: (line) => print(`  ${line}`) });
    print(
      `  Kafka ${endpoints.kafkaVersion} at ${endpoints.kafkaBrokers.join(',')}, Apicurio Registry ${endpoints.registryVersion}, PostgreSQL ${endpoints.postgresVersion}`,
    );
    await guaranteesDemo({ ...endpoints, kafkaBrokers: [...endpoints.kafkaBrokers] });
    section('Services');
    // The services run in the demo's topic namespace, so nothing a developer's `npm start` consumes moves.
    const topics = await withAdmin(endpoints.kafkaBrokers, (admin) =>
      ensureNamespaceTopics(admin, DEMO_NAMESPACE, Object.keys(TOPICS)),
    );
    print(
      `  topic namespace ${DEMO_NAMESPACE}: ${topics.created.length} topics created, ${topics.existing.length} there`,
    );
    const stack = await startStack(findRepoRoot(), endpoints, {
      log: (line) => print(`  ${line}`),
      sharedEnv: { KAFKA_TOPIC_NAMESPACE: DEMO_NAMESPACE },
      extraEnv: DEMO_ENV,
    });
    try {
      await pipelineDemo(stack, endpoints, runId);
    } finally {
      await stack.stop();
    }
    section('Done');
    print(`  demo ${runId} finished in ${((performance.now() - started) / 1000).toFixed(1)} s; services stopped`);
    print('  credentials of this run: .infra/dev-credentials.json; service logs: .infra/logs/');
    return 0;
  },
};
