import { readinessReport } from '@sluice/compliance';
import type { Command } from './command.ts';

/** `sluice readiness [--program P]`: the launch checks of each program and market, with what is missing. */
export const readinessCommand: Command = {
  summary: 'launch readiness of every program (or --program P): each check pass/fail with what is missing',
  options: { program: { type: 'string', short: 'p' }, json: { type: 'boolean' } },
  async run({ values }) {
    const programId = typeof values.program === 'string' ? values.program : undefined;
    const { reports, lines } = readinessReport(programId);
    if (values.json) process.stdout.write(`${JSON.stringify(reports, null, 2)}\n`);
    else for (const line of lines) process.stdout.write(`${line}\n`);
    return 0;
  },
};
