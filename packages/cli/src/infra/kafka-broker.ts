import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { type DetachedComponent, reuseRunning, spawnAndAwait } from './detached-component.ts';
import { InfraError } from './errors.ts';
import { findJava, type JavaRuntime } from './java.ts';
import { kafkaAnswers } from './kafka-admin.ts';
import { kafkaBrokerJar, kafkaVersionFromPom, newClusterId, renderServerProperties } from './kafka-config.ts';
import { runMaven } from './maven.ts';
import type { InfraPaths } from './paths.ts';
import { relativeToRoot } from './paths.ts';
import { assertPortsFree } from './process-control.ts';
import type { Env, InfraSettings } from './settings.ts';
import { secondsSince, withHeartbeat } from './wait.ts';

const execFileAsync = promisify(execFile);

/** Kafka 4.x brokers need Java 17+. */
const KAFKA_MIN_JAVA = 17;
const KAFKA_MAIN = 'kafka.Kafka';

/** What `startKafka` left running. */
export interface KafkaRunning {
  readonly brokers: readonly string[];
  readonly version: string;
  readonly pid: number;
  /** True when a healthy broker from an earlier `up` was found and kept. */
  readonly reused: boolean;
}

/** Command-line fragments that identify our broker process (see isOurProcess). */
export const kafkaMarkers = (paths: InfraPaths): readonly string[] => [KAFKA_MAIN, paths.kafka.propertiesFile];

export const kafkaBrokers = (settings: InfraSettings): readonly string[] => [`${settings.host}:${settings.kafkaPort}`];

/** The Kafka version of the jars in .infra/kafka/libs, or undefined before the first fetch. */
export function installedKafkaVersion(paths: InfraPaths): string | undefined {
  if (!existsSync(paths.kafka.libsDir)) return undefined;
  const jar = readdirSync(paths.kafka.libsDir).find((file) => /^kafka_2\.13-.+\.jar$/.test(file));
  return jar?.slice('kafka_2.13-'.length, -'.jar'.length);
}

/** Fetches the broker jars named by infra/kafka/pom.xml unless the libs folder already holds that version. */
async function ensureKafkaLibs(paths: InfraPaths, log: (line: string) => void): Promise<string> {
  const version = kafkaVersionFromPom(readFileSync(paths.kafka.pom, 'utf8'));
  const { libsDir } = paths.kafka;
  if (existsSync(path.join(libsDir, kafkaBrokerJar(version)))) return version;
  const started = performance.now();
  log(`[kafka] fetching Apache Kafka ${version} jars from Maven Central into ${relativeToRoot(paths, libsDir)}`);
  // Fetch into a side folder and rename: an interrupted download must not look like a complete libs folder.
  const partial = `${libsDir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  const fetch = runMaven(
    [
      '-f',
      paths.kafka.pom,
      'org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies',
      '-DincludeScope=runtime',
      `-DoutputDirectory=${partial}`,
    ],
    paths.root,
  );
  await withHeartbeat(fetch, '[kafka] still fetching jars', log);
  rmSync(libsDir, { recursive: true, force: true });
  renameSync(partial, libsDir);
  log(`[kafka] fetched ${readdirSync(libsDir).length} jars in ${secondsSince(started)} s`);
  return version;
}

/** The cluster id stored under .infra/kafka, generated on first use so reformatting keeps the same cluster. */
function clusterId(paths: InfraPaths): string {
  const file = paths.kafka.clusterIdFile;
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const id = newClusterId();
  writeFileSync(file, `${id}\n`);
  return id;
}

async function formatStorage(java: JavaRuntime, paths: InfraPaths, log: (line: string) => void): Promise<void> {
  // Formatting starts a JVM (1–2 s); meta.properties is what it writes, so its presence means "already formatted".
  if (existsSync(path.join(paths.kafka.dataDir, 'meta.properties'))) return;
  const id = clusterId(paths);
  log(`[kafka] formatting ${relativeToRoot(paths, paths.kafka.dataDir)} (cluster id ${id})`);
  const args = [
    `-Dlog4j2.configurationFile=${paths.kafka.log4jConfig}`,
    '-cp',
    path.join(paths.kafka.libsDir, '*'),
    'kafka.tools.StorageTool',
    'format',
    '-t',
    id,
    '-c',
    paths.kafka.propertiesFile,
    '--ignore-formatted',
  ];
  try {
    await execFileAsync(java.bin, args, { timeout: 60_000 });
  } catch (error) {
    const failure = error as Error & { stdout?: string; stderr?: string };
    throw new InfraError(
      'start_failed',
      `Kafka storage format failed:\n${failure.stderr ?? ''}${failure.stdout ?? ''}`,
    );
  }
}

/**
 * Starts the single-node KRaft broker unless ours is already running and answering, and waits until a kafkajs
 * describeCluster succeeds. The broker is detached: it keeps running after this command exits.
 */
export async function startKafka(
  paths: InfraPaths,
  settings: InfraSettings,
  env: Env,
  log: (line: string) => void,
): Promise<KafkaRunning> {
  const brokers = kafkaBrokers(settings);
  const component: DetachedComponent = {
    name: 'kafka',
    title: 'Apache Kafka',
    endpoint: brokers.join(','),
    pidFile: paths.kafka.pidFile,
    markers: kafkaMarkers(paths),
    logFile: paths.kafka.logFile,
    logName: relativeToRoot(paths, paths.kafka.logFile),
    answers: () => kafkaAnswers(brokers),
    pollIntervalMs: 500,
  };
  const running = await reuseRunning(component, log);
  if (running !== undefined) {
    return { brokers, version: installedKafkaVersion(paths) ?? 'unknown', pid: running, reused: true };
  }

  const java = findJava(KAFKA_MIN_JAVA, 'Apache Kafka', env);
  const version = await ensureKafkaLibs(paths, log);
  mkdirSync(paths.kafka.dataDir, { recursive: true });
  const template = readFileSync(paths.kafka.propertiesTemplate, 'utf8');
  writeFileSync(paths.kafka.propertiesFile, renderServerProperties(template, settings, paths.kafka.dataDir));
  await formatStorage(java, paths, log);
  await assertPortsFree(settings.host, [
    ['KAFKA_PORT', settings.kafkaPort],
    ['KAFKA_CONTROLLER_PORT', settings.kafkaControllerPort],
  ]);

  log(
    `[kafka] starting Apache Kafka ${version} (Java ${java.major}) on ${component.endpoint}, log ${component.logName}`,
  );
  const args = [
    '-Xmx512m',
    `-Dlog4j2.configurationFile=${paths.kafka.log4jConfig}`,
    '-cp',
    path.join(paths.kafka.libsDir, '*'),
    KAFKA_MAIN,
    paths.kafka.propertiesFile,
  ];
  const pid = await spawnAndAwait(component, { command: java.bin, args, cwd: paths.kafka.dir }, log);
  return { brokers, version, pid, reused: false };
}
