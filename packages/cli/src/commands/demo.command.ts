import { randomBytes } from 'node:crypto';
import { TOPICS } from '@sluice/contracts';
import { startGroupAtEnd } from '@sluice/messaging';
import { guaranteesDemo } from '../demo/guarantees.demo.ts';
import { pipelineDemo } from '../demo/pipeline.demo.ts';
import { print, section } from '../demo/print.ts';
import { infraUp } from '../infra/index.ts';
import { findRepoRoot } from '../infra/paths.ts';
import { STACK_SERVICES, startStack } from '../stack/stack.ts';
import type { Command } from './command.ts';

/** Shorter provider and polling delays than production defaults, so the demo converges in about a minute. */
const DEMO_ENV = {
  'provider-sandbox': { SANDBOX_TIMEOUT_DELAY_MS: '4000', SANDBOX_STEP_DELAY_MS: '300' },
  dispatch: { DISPATCH_PROVIDER_TIMEOUT_MS: '2000', DISPATCH_POLL_AFTER_MS: '1500', DISPATCH_FUNDING_CHECK_MS: '1000' },
};

const STACK_SERVICE_NAMES = Object.keys(STACK_SERVICES);

/** The consumer-group setting of each service that consumes (ARCHITECTURE.md §3). */
const CONSUMER_GROUP_ENV = {
  intake: 'INTAKE_CONSUMER_GROUP',
  compliance: 'COMPLIANCE_CONSUMER_GROUP',
  dispatch: 'DISPATCH_CONSUMER_GROUP',
  ledger: 'LEDGER_CONSUMER_GROUP',
} as const;

/**
 * Consumer groups of this run, committed at the current end of every topic: the demo's services then see only the
 * demo's own events, never a backlog that benchmarks, suites or earlier runs left on the shared local topics (a
 * production service group starts from the earliest offset instead; `sluice start` keeps those names).
 */
async function demoConsumerGroups(brokers: readonly string[], runId: string) {
  const topics = Object.keys(TOPICS);
  const entries = await Promise.all(
    Object.entries(CONSUMER_GROUP_ENV).map(async ([service, variable]) => {
      const group = `${runId}-${service}`;
      await startGroupAtEnd(brokers, group, topics);
      return [service, { [variable]: group }] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<string, Record<string, string>>;
}

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
    const groups = await demoConsumerGroups(endpoints.kafkaBrokers, runId);
    const stack = await startStack(findRepoRoot(), endpoints, {
      log: (line) => print(`  ${line}`),
      extraEnv: Object.fromEntries(
        STACK_SERVICE_NAMES.map((name) => [name, { ...DEMO_ENV[name as keyof typeof DEMO_ENV], ...groups[name] }]),
      ),
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
