// Runnable entry for the infra module alone: `node packages/cli/src/infra/main.ts up|down|status`.
// Progress goes to stderr; `up` prints the endpoints as JSON on stdout, `status` one line per component and exits 1
// when any component is down.
import { dropKafkajsTimeoutWarning, InfraError, infraDown, infraStatus, infraUp } from './index.ts';

dropKafkajsTimeoutWarning();

const log = (line: string) => process.stderr.write(`${line}\n`);

async function run(command: string | undefined): Promise<number> {
  switch (command) {
    case 'up': {
      const endpoints = await infraUp({ log });
      process.stdout.write(`${JSON.stringify(endpoints, null, 2)}\n`);
      return 0;
    }
    case 'down':
      await infraDown({ log });
      return 0;
    case 'status': {
      const statuses = await infraStatus({ log: (line) => process.stdout.write(`${line}\n`) });
      return statuses.every((status) => status.up) ? 0 : 1;
    }
    default:
      log('usage: node packages/cli/src/infra/main.ts up|down|status');
      return 2;
  }
}

try {
  process.exitCode = await run(process.argv[2]);
} catch (error) {
  if (!(error instanceof InfraError)) throw error;
  log(`[infra] failed (${error.code}): ${error.message}`);
  process.exitCode = 1;
}
