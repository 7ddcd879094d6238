import { rmSync } from 'node:fs';
import { ensureTopics, withDeadLetterTopics } from '@sluice/messaging';
import { type InfraEndpoints, readEndpointsFile, writeEndpointsFile } from './endpoints.ts';
import { InfraError } from './errors.ts';
import { withAdmin } from './kafka-admin.ts';
import { type KafkaRunning, kafkaMarkers, startKafka } from './kafka-broker.ts';
import { withInfraLock } from './lock.ts';
import { type InfraPaths, infraPaths } from './paths.ts';
import { ensurePostgres } from './postgres.ts';
import { type StopOutcome, stopByPidFile } from './process-control.ts';
import { registryMarkers, startRegistry } from './registry.ts';
import { type Env, type InfraSettings, readInfraSettings } from './settings.ts';
import { type ComponentStatus, componentStatuses, formatStatus } from './status.ts';
import { readSchemaTopics } from './topics.ts';
import { secondsSince } from './wait.ts';

/** Options shared by infraUp, infraDown and infraStatus. */
export interface InfraOptions {
  /** Receives one progress line at a time; defaults to stderr. */
  readonly log?: (line: string) => void;
  /** Ports, PG* and SLUICE_TOPIC_PARTITIONS; defaults to process.env. */
  readonly env?: Env;
}

/** Kafka's controlled shutdown and Quarkus' shutdown hooks take a few seconds; past this they are killed. */
const STOP_GRACE_MS = 20_000;

const defaultLog = (line: string) => process.stderr.write(`${line}\n`);

async function kafkaWithTopics(
  paths: InfraPaths,
  settings: InfraSettings,
  env: Env,
  log: (line: string) => void,
): Promise<KafkaRunning> {
  const kafka = await startKafka(paths, settings, env, log);
  const schemaTopics = readSchemaTopics(paths.schemasDir);
  if (schemaTopics.ignored.length > 0) {
    log(`[kafka] schema files that name no topic (ignored): ${schemaTopics.ignored.join(', ')}`);
  }
  const from = schemaTopics.source === 'schemas' ? 'schemas/' : 'ARCHITECTURE.md §3 (schemas/ has no .avsc yet)';
  // The default namespace only: namespaces of tests, benchmarks and the demo are created by those who use them.
  const topics = withDeadLetterTopics(schemaTopics.topics);
  const outcome = await withAdmin(kafka.brokers, (admin) =>
    ensureTopics(
      admin,
      // Replication 1: `up` starts one broker.
      topics.map((topic) => ({ topic, partitions: settings.topicPartitions, replicationFactor: 1 })),
    ),
  ).catch((error: Error) => {
    throw new InfraError('topics_failed', `creating topics failed: ${error.message}`);
  });
  log(
    `[kafka] ${topics.length} topics from ${from}: ${outcome.created.length} created ` +
      `(${settings.topicPartitions} partitions), ${outcome.existing.length} already there`,
  );
  return kafka;
}

function valueOrReason<T>(result: PromiseSettledResult<T>): T | Error {
  return result.status === 'fulfilled' ? result.value : (result.reason as Error);
}

/**
 * Starts Kafka (with every topic and its DLQ) and Apicurio Registry in parallel, checks PostgreSQL and creates
 * the service databases, then writes .infra/endpoints.json. Idempotent: healthy components from an earlier `up`
 * are kept. Throws InfraError when any component fails (all failures in one message).
 */
export async function infraUp(options: InfraOptions = {}): Promise<InfraEndpoints> {
  const { log = defaultLog, env = process.env } = options;
  const settings = readInfraSettings(env);
  const paths = infraPaths();
  const started = performance.now();
  return withInfraLock(paths.lockFile, log, async () => {
    const results = await Promise.allSettled([
      kafkaWithTopics(paths, settings, env, log),
      startRegistry(paths, settings, env, log),
      ensurePostgres(settings, log),
    ]);
    const [kafka, registry, postgres] = [
      valueOrReason(results[0]),
      valueOrReason(results[1]),
      valueOrReason(results[2]),
    ];
    if (kafka instanceof Error || registry instanceof Error || postgres instanceof Error) {
      // A stale endpoints file would send tests to infrastructure that is not all there.
      rmSync(paths.endpointsFile, { force: true });
      const failures = [kafka, registry, postgres].filter((result): result is Error => result instanceof Error);
      if (failures.length === 1) throw failures[0];
      throw new InfraError('up_failed', failures.map((failure) => failure.message).join('\n\n'));
    }
    const endpoints: InfraEndpoints = {
      kafkaBrokers: [...kafka.brokers],
      schemaRegistryUrl: registry.url,
      postgresUrl: postgres.url,
      kafkaVersion: kafka.version,
      registryVersion: registry.version,
      postgresVersion: postgres.version,
    };
    writeEndpointsFile(paths.endpointsFile, endpoints);
    log(`[infra] up in ${secondsSince(started)} s; endpoints in .infra/endpoints.json`);
    return endpoints;
  });
}

function describeStop(name: string, outcome: StopOutcome): string {
  switch (outcome.result) {
    case 'stopped':
      return `[${name}] stopped (pid ${outcome.pid})`;
    case 'killed':
      return `[${name}] killed (pid ${outcome.pid}) after ${STOP_GRACE_MS / 1000} s without exiting on SIGTERM`;
    case 'not-running':
      return `[${name}] not running`;
  }
}

/**
 * Stops the Kafka broker and the registry that `up` started (pid files only; SIGTERM, then SIGKILL after 20 s)
 * and removes .infra/endpoints.json. PostgreSQL is the machine's and is left running.
 */
export async function infraDown(options: InfraOptions = {}): Promise<void> {
  const { log = defaultLog } = options;
  const paths = infraPaths();
  const started = performance.now();
  await withInfraLock(paths.lockFile, log, async () => {
    rmSync(paths.endpointsFile, { force: true });
    const [kafka, registry] = await Promise.all([
      stopByPidFile(paths.kafka.pidFile, kafkaMarkers(paths), STOP_GRACE_MS),
      stopByPidFile(paths.registry.pidFile, registryMarkers(paths), STOP_GRACE_MS),
    ]);
    log(describeStop('kafka', kafka));
    log(describeStop('registry', registry));
    log('[postgres] left running (the machine’s server; infra:up did not start it)');
    log(`[infra] down in ${secondsSince(started)} s`);
  });
}

/** Each component (Kafka, registry, PostgreSQL) as up or down with version and endpoint; also logs one line each. */
export async function infraStatus(options: InfraOptions = {}): Promise<ComponentStatus[]> {
  const { log = defaultLog, env = process.env } = options;
  const statuses = await componentStatuses(infraPaths(), readInfraSettings(env));
  for (const line of formatStatus(statuses)) log(line);
  return statuses;
}

/** The endpoints the last successful `up` wrote, or undefined when infrastructure is down or was never started. */
export function readEndpoints(): InfraEndpoints | undefined {
  return readEndpointsFile(infraPaths().endpointsFile);
}
