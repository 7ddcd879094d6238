import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Stack } from '@sluice/cli/stack';
import type { Watched } from './observe.ts';

const pidFile = (file: string) => () => {
  try {
    return [Number(readFileSync(file, 'utf8').trim())].filter((pid) => pid > 0);
  } catch {
    return [];
  }
};

/** Every PostgreSQL process (server and backends): the database is shared by all services. */
const postgresPids = () =>
  readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres';
      } catch {
        return false;
      }
    })
    .map(Number);

/** The processes whose CPU and memory the run reports: each service, the infrastructure, and the load generator. */
export function watchedProcesses(stack: Stack): Watched[] {
  const infra = path.join(process.cwd(), '.infra');
  return [
    ...stack.processes.map((p) => ({ name: p.name, pids: () => (p.child.pid ? [p.child.pid] : []) })),
    { name: 'kafka', pids: pidFile(path.join(infra, 'kafka', 'kafka.pid')) },
    { name: 'registry', pids: pidFile(path.join(infra, 'registry', 'registry.pid')) },
    { name: 'postgresql (all)', pids: postgresPids },
    { name: 'bench (load + tap)', pids: () => [process.pid] },
  ];
}
