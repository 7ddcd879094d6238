import { guaranteesDemo } from '../demo/guarantees.demo.ts';
import { print, section } from '../demo/print.ts';
import { infraUp } from '../infra/index.ts';
import type { Command } from './command.ts';

/** `sluice demo`: the whole pipeline on the sandbox provider, ending in a readable summary. */
export const demoCommand: Command = {
  summary: 'bring the stack up, run payouts through the pipeline on the sandbox provider, print a summary',
  async run() {
    const started = performance.now();
    section('Infrastructure');
    const endpoints = await infraUp({ log: (line) => print(`  ${line}`) });
    print(
      `  Kafka ${endpoints.kafkaVersion} at ${endpoints.kafkaBrokers.join(',')}, Apicurio Registry ${endpoints.registryVersion}, PostgreSQL ${endpoints.postgresVersion}`,
    );
    await guaranteesDemo({ ...endpoints, kafkaBrokers: [...endpoints.kafkaBrokers] });
    section('Summary');
    print(`  demo finished in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return 0;
  },
};
