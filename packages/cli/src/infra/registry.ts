import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { type DetachedComponent, reuseRunning, spawnAndAwait } from './detached-component.ts';
import { InfraError } from './errors.ts';
import { findJava } from './java.ts';
import { runMaven } from './maven.ts';
import type { InfraPaths } from './paths.ts';
import { relativeToRoot } from './paths.ts';
import { assertPortsFree } from './process-control.ts';
import { type Env, type InfraSettings, REGISTRY_VERSION } from './settings.ts';
import { renderTemplate } from './template.ts';
import { secondsSince, withHeartbeat } from './wait.ts';

const execFileAsync = promisify(execFile);

/** Apicurio Registry 3.3 is compiled for Java 21 (class file 65); it fails on Java 17 at the first class load. */
const REGISTRY_MIN_JAVA = 21;
const RUN_JAR = 'quarkus-run.jar';
/** Written into the unpacked folder last: its content says which release is unpacked and that unpacking finished. */
const VERSION_MARKER = '.sluice-version';
const ARTIFACT = `io.apicurio:apicurio-registry-app:${REGISTRY_VERSION}:tar.gz:all`;

/** What `startRegistry` left running. */
export interface RegistryRunning {
  /** Confluent-compatible API base, e.g. http://127.0.0.1:8081/apis/ccompat/v7 */
  readonly url: string;
  readonly version: string;
  readonly pid: number;
  readonly reused: boolean;
}

/** Command-line fragments that identify our registry process (see isOurProcess). */
export const registryMarkers = (paths: InfraPaths): readonly string[] => [path.join(paths.registry.distDir, RUN_JAR)];

export const registryBaseUrl = (settings: InfraSettings) => `http://${settings.host}:${settings.registryPort}`;
export const registryCcompatUrl = (settings: InfraSettings) => `${registryBaseUrl(settings)}/apis/ccompat/v7`;

/** True when the Confluent-compatible API answers 200 on /subjects. */
export async function registryAnswers(settings: InfraSettings): Promise<boolean> {
  try {
    const response = await fetch(`${registryCcompatUrl(settings)}/subjects`, { signal: AbortSignal.timeout(2_000) });
    return response.status === 200;
  } catch {
    return false;
  }
}

/** The running registry's version from /apis/registry/v3/system/info, or undefined when it does not answer. */
export async function registryVersion(settings: InfraSettings): Promise<string | undefined> {
  try {
    const response = await fetch(`${registryBaseUrl(settings)}/apis/registry/v3/system/info`, {
      signal: AbortSignal.timeout(2_000),
    });
    if (!response.ok) return undefined;
    const info = (await response.json()) as { version?: unknown };
    return typeof info.version === 'string' ? info.version : undefined;
  } catch {
    return undefined;
  }
}

function tarballInLocalRepository(): string {
  const dir = path.join(homedir(), '.m2', 'repository', 'io', 'apicurio', 'apicurio-registry-app', REGISTRY_VERSION);
  return path.join(dir, `apicurio-registry-app-${REGISTRY_VERSION}-all.tar.gz`);
}

/** Unpacks the distribution into .infra/registry/dist, fetching it with Maven when the local repository lacks it. */
async function ensureRegistryUnpacked(paths: InfraPaths, log: (line: string) => void): Promise<void> {
  const { distDir } = paths.registry;
  const marker = path.join(distDir, VERSION_MARKER);
  if (existsSync(marker) && readFileSync(marker, 'utf8').trim() === REGISTRY_VERSION) return;
  const tarball = tarballInLocalRepository();
  if (!existsSync(tarball)) {
    const started = performance.now();
    log(`[registry] fetching ${ARTIFACT} from Maven Central (about 160 MB, first run only)`);
    const fetch = runMaven(
      ['org.apache.maven.plugins:maven-dependency-plugin:3.8.1:get', `-Dartifact=${ARTIFACT}`, '-Dtransitive=false'],
      paths.root,
    );
    await withHeartbeat(fetch, '[registry] still fetching', log);
    if (!existsSync(tarball)) {
      throw new InfraError(
        'maven_failed',
        `Maven reported success but ${tarball} is missing (custom local repository?)`,
      );
    }
    log(`[registry] fetched in ${secondsSince(started)} s`);
  }
  log(`[registry] unpacking Apicurio Registry ${REGISTRY_VERSION} into ${relativeToRoot(paths, distDir)}`);
  const partial = `${distDir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  await execFileAsync('tar', ['-xzf', tarball, '-C', partial]);
  // The tarball has lib/ quarkus/ app/ quarkus-run.jar at its root; a different layout would start nothing.
  if (!existsSync(path.join(partial, RUN_JAR))) {
    throw new InfraError('start_failed', `${tarball} has no ${RUN_JAR} at its root; unexpected distribution layout`);
  }
  writeFileSync(path.join(partial, VERSION_MARKER), `${REGISTRY_VERSION}\n`);
  rmSync(distDir, { recursive: true, force: true });
  renameSync(partial, distDir);
}

async function readyRegistry(settings: InfraSettings, pid: number, reused: boolean): Promise<RegistryRunning> {
  const version = (await registryVersion(settings)) ?? 'unknown';
  return { url: registryCcompatUrl(settings), version, pid, reused };
}

/**
 * Starts Apicurio Registry (in-memory storage) unless ours is already running and answering, and waits until
 * the Confluent-compatible API answers. Detached: it keeps running after this command exits.
 */
export async function startRegistry(
  paths: InfraPaths,
  settings: InfraSettings,
  env: Env,
  log: (line: string) => void,
): Promise<RegistryRunning> {
  const url = registryCcompatUrl(settings);
  const component: DetachedComponent = {
    name: 'registry',
    title: 'Apicurio Registry',
    endpoint: url,
    pidFile: paths.registry.pidFile,
    markers: registryMarkers(paths),
    logFile: paths.registry.logFile,
    logName: relativeToRoot(paths, paths.registry.logFile),
    answers: () => registryAnswers(settings),
    pollIntervalMs: 250,
  };
  const running = await reuseRunning(component, log);
  if (running !== undefined) return readyRegistry(settings, running, true);

  const java = findJava(REGISTRY_MIN_JAVA, `Apicurio Registry ${REGISTRY_VERSION}`, env);
  await ensureRegistryUnpacked(paths, log);
  mkdirSync(path.dirname(paths.registry.propertiesFile), { recursive: true });
  const template = readFileSync(paths.registry.propertiesTemplate, 'utf8');
  writeFileSync(
    paths.registry.propertiesFile,
    renderTemplate(template, { HOST: settings.host, MANAGEMENT_PORT: settings.registryManagementPort }),
  );
  await assertPortsFree(settings.host, [
    ['SCHEMA_REGISTRY_PORT', settings.registryPort],
    ['SCHEMA_REGISTRY_MANAGEMENT_PORT', settings.registryManagementPort],
  ]);

  log(
    `[registry] starting Apicurio Registry ${REGISTRY_VERSION} (Java ${java.major}) at ${url}, log ${component.logName}`,
  );
  const args = [
    '-Xmx512m',
    `-Dquarkus.http.host=${settings.host}`,
    `-Dquarkus.http.port=${settings.registryPort}`,
    '-jar',
    path.join(paths.registry.distDir, RUN_JAR),
  ];
  // Working directory .infra/registry: Quarkus reads config/application.properties from there.
  const pid = await spawnAndAwait(component, { command: java.bin, args, cwd: paths.registry.dir }, log);
  return readyRegistry(settings, pid, false);
}
