import os from 'node:os';

/** One line describing where a benchmark ran, recorded beside every result. */
export function machineInfo(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown cpu';
  const memoryGiB = (os.totalmem() / 2 ** 30).toFixed(0);
  return `${os.cpus().length} cores (${cpu}), ${memoryGiB} GiB, Node ${process.versions.node}, ${os.platform()} ${os.release()}`;
}
