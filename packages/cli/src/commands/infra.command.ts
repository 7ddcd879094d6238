import { infraDown, infraStatus, infraUp } from '../infra/index.ts';
import type { Command } from './command.ts';

const log = (line: string) => process.stdout.write(`${line}\n`);

export const upCommand: Command = {
  summary: 'start the real infrastructure (Kafka KRaft, Apicurio registry, PostgreSQL databases, topics)',
  async run() {
    await infraUp({ log });
    return 0;
  },
};

export const downCommand: Command = {
  summary: 'stop what `up` started (PostgreSQL is left running: up did not start it)',
  async run() {
    await infraDown({ log });
    return 0;
  },
};

export const statusCommand: Command = {
  summary: 'show each infrastructure component with its version and endpoint',
  async run() {
    const components = await infraStatus({ log });
    return components.every((c) => c.up) ? 0 : 3;
  },
};
