import { infraUp } from '../infra/index.ts';
import { findRepoRoot } from '../infra/paths.ts';
import { startStack } from '../stack/stack.ts';
import type { Command } from './command.ts';

const print = (line: string) => process.stdout.write(`${line}\n`);

/** `sluice start` / `npm start`: the infrastructure and every service in the foreground until Ctrl-C. */
export const startCommand: Command = {
  summary: 'start the infrastructure and every service; stop the services on Ctrl-C',
  async run() {
    const endpoints = await infraUp({ log: print });
    const stack = await startStack(findRepoRoot(), endpoints, { log: print });
    print('');
    print(`platform ${stack.credentials.platform.platformId}: API key in .infra/dev-credentials.json`);
    print(`try: curl -H "Authorization: Bearer <key>" ${stack.urls.intake}/v1/payouts`);
    print('Ctrl-C stops the services (the infrastructure keeps running; `npm run infra:down` stops it).');
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    print('stopping services …');
    await stack.stop();
    return 0;
  },
};
