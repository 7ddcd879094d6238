import type { Command } from './command.ts';
import { demoCommand } from './demo.command.ts';
import { dlqCommand } from './dlq.command.ts';
import { downCommand, statusCommand, upCommand } from './infra.command.ts';
import { readinessCommand } from './readiness.command.ts';
import { startCommand } from './start.command.ts';

/** Every verb of `sluice`, in the order `sluice help` lists them. */
export const COMMANDS: Readonly<Record<string, Command>> = {
  up: upCommand,
  down: downCommand,
  status: statusCommand,
  start: startCommand,
  demo: demoCommand,
  dlq: dlqCommand,
  readiness: readinessCommand,
};
