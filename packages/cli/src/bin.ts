#!/usr/bin/env node
// The `sluice` operator command. Each verb lives in its own file under commands/; this file only dispatches.
import { parseArgs } from 'node:util';
import { COMMANDS } from './commands/index.ts';
import { dropKafkajsTimeoutWarning } from './infra/index.ts';

dropKafkajsTimeoutWarning();

const [verb = 'help', ...rest] = process.argv.slice(2);
const command = COMMANDS[verb];

if (!command) {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  process.stdout.write(
    `usage: sluice <command> [options]\n\n${Object.entries(COMMANDS)
      .map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)
      .join('\n')}\n`,
  );
  process.exit(verb === 'help' || verb === '--help' ? 0 : 2);
}

try {
  const { values, positionals } = parseArgs({ args: rest, options: command.options ?? {}, allowPositionals: true });
  const code = await command.run({ values, positionals });
  process.exit(code ?? 0);
} catch (error) {
  process.stderr.write(`sluice ${verb}: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
