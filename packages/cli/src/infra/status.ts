import { kafkaAnswers } from './kafka-admin.ts';
import { installedKafkaVersion, kafkaBrokers, kafkaMarkers } from './kafka-broker.ts';
import type { InfraPaths } from './paths.ts';
import { postgresUrl, postgresVersion } from './postgres.ts';
import { livePid } from './process-control.ts';
import { registryCcompatUrl, registryMarkers, registryVersion } from './registry.ts';
import type { InfraSettings } from './settings.ts';

export type ComponentName = 'kafka' | 'schema-registry' | 'postgresql';

/** One component of the local infrastructure as `status` sees it. */
export interface ComponentStatus {
  readonly component: ComponentName;
  /** True when the endpoint answers, whoever started it. */
  readonly up: boolean;
  readonly endpoint: string;
  readonly version?: string;
  /** The process `up` started, when it is alive; never set for PostgreSQL (the machine's server). */
  readonly pid?: number;
  /** Anything a person should know: not answering yet, not started by infra:up, the connection error. */
  readonly detail?: string;
}

function describeProcess(answers: boolean, pid: number | undefined): string | undefined {
  if (answers && pid === undefined) return 'answering, but not started by infra:up';
  if (!answers && pid !== undefined) return `process ${pid} is running but the endpoint does not answer`;
  return undefined;
}

async function kafkaStatus(paths: InfraPaths, settings: InfraSettings): Promise<ComponentStatus> {
  const brokers = kafkaBrokers(settings);
  const pid = livePid(paths.kafka.pidFile, kafkaMarkers(paths));
  const answers = await kafkaAnswers(brokers);
  const version = answers && pid !== undefined ? installedKafkaVersion(paths) : undefined;
  const detail = describeProcess(answers, pid);
  return {
    component: 'kafka',
    up: answers,
    endpoint: brokers.join(','),
    ...(version ? { version } : {}),
    ...(pid !== undefined ? { pid } : {}),
    ...(detail ? { detail } : {}),
  };
}

async function registryStatus(paths: InfraPaths, settings: InfraSettings): Promise<ComponentStatus> {
  const pid = livePid(paths.registry.pidFile, registryMarkers(paths));
  const version = await registryVersion(settings);
  const detail = describeProcess(version !== undefined, pid);
  return {
    component: 'schema-registry',
    up: version !== undefined,
    endpoint: registryCcompatUrl(settings),
    ...(version ? { version } : {}),
    ...(pid !== undefined ? { pid } : {}),
    ...(detail ? { detail } : {}),
  };
}

async function postgresStatus(settings: InfraSettings): Promise<ComponentStatus> {
  const probe = await postgresVersion(settings);
  const endpoint = postgresUrl(settings);
  if ('error' in probe) return { component: 'postgresql', up: false, endpoint, detail: probe.error };
  return { component: 'postgresql', up: true, endpoint, version: probe.version };
}

/** Kafka, the registry and PostgreSQL, probed in parallel. */
export function componentStatuses(paths: InfraPaths, settings: InfraSettings): Promise<ComponentStatus[]> {
  return Promise.all([kafkaStatus(paths, settings), registryStatus(paths, settings), postgresStatus(settings)]);
}

/** One aligned line per component, e.g. `kafka            up    4.1.1    127.0.0.1:9092  pid 1234`. */
export function formatStatus(statuses: readonly ComponentStatus[]): string[] {
  return statuses.map((status) => {
    const columns = [
      status.component.padEnd(16),
      (status.up ? 'up' : 'down').padEnd(5),
      (status.version ?? '-').padEnd(8),
      status.endpoint,
    ];
    const extras = [status.pid !== undefined ? `pid ${status.pid}` : '', status.detail ? `(${status.detail})` : ''];
    return [columns.join(' '), ...extras.filter((extra) => extra !== '')].join('  ');
  });
}
