import { existsSync } from 'node:fs';
import path from 'node:path';

/** The repository root: the nearest folder above `from` that holds turbo.json. */
export function findRepoRoot(from: string = import.meta.dirname): string {
  let dir = from;
  while (!existsSync(path.join(dir, 'turbo.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no turbo.json above ${from}`);
    dir = parent;
  }
  return dir;
}

/** Every file infra up/down/status reads or writes. Sources live in infra/, generated state in .infra/. */
export interface InfraPaths {
  readonly root: string;
  readonly stateDir: string;
  readonly endpointsFile: string;
  readonly lockFile: string;
  readonly schemasDir: string;
  readonly kafka: {
    readonly pom: string;
    readonly propertiesTemplate: string;
    readonly log4jConfig: string;
    readonly dir: string;
    readonly libsDir: string;
    readonly dataDir: string;
    readonly propertiesFile: string;
    readonly clusterIdFile: string;
    readonly pidFile: string;
    readonly logFile: string;
  };
  readonly registry: {
    readonly propertiesTemplate: string;
    readonly dir: string;
    /** The unpacked distribution (lib/ quarkus/ app/ quarkus-run.jar). */
    readonly distDir: string;
    /** Quarkus reads config/application.properties relative to its working directory (`dir`). */
    readonly propertiesFile: string;
    readonly pidFile: string;
    readonly logFile: string;
  };
}

/** Paths for the repository at `root`. */
export function infraPaths(root: string = findRepoRoot()): InfraPaths {
  const stateDir = path.join(root, '.infra');
  const kafkaDir = path.join(stateDir, 'kafka');
  const registryDir = path.join(stateDir, 'registry');
  return {
    root,
    stateDir,
    endpointsFile: path.join(stateDir, 'endpoints.json'),
    lockFile: path.join(stateDir, 'infra.lock'),
    schemasDir: path.join(root, 'schemas'),
    kafka: {
      pom: path.join(root, 'infra', 'kafka', 'pom.xml'),
      propertiesTemplate: path.join(root, 'infra', 'kafka', 'server.properties.template'),
      log4jConfig: path.join(root, 'infra', 'kafka', 'log4j2.properties'),
      dir: kafkaDir,
      libsDir: path.join(kafkaDir, 'libs'),
      dataDir: path.join(kafkaDir, 'data'),
      propertiesFile: path.join(kafkaDir, 'server.properties'),
      clusterIdFile: path.join(kafkaDir, 'cluster.id'),
      pidFile: path.join(kafkaDir, 'kafka.pid'),
      logFile: path.join(kafkaDir, 'kafka.log'),
    },
    registry: {
      propertiesTemplate: path.join(root, 'infra', 'registry', 'application.properties.template'),
      dir: registryDir,
      distDir: path.join(registryDir, 'dist'),
      propertiesFile: path.join(registryDir, 'config', 'application.properties'),
      pidFile: path.join(registryDir, 'registry.pid'),
      logFile: path.join(registryDir, 'registry.log'),
    },
  };
}

/** `file` relative to the repository root, for messages a person reads. */
export function relativeToRoot(paths: InfraPaths, file: string): string {
  return path.relative(paths.root, file);
}
