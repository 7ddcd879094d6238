// The schema compatibility gate (root `npm run schemas:check`): every schemas/**/*.avsc must be BACKWARD compatible
// with its previous version in git and with the latest version in the schema registry. Exits 1 on any break.
import { parseArgs } from 'node:util';
import { registryFromOptions } from '../src/registry-compatibility.ts';
import { repoRoot } from '../src/schema-files.ts';
import { runSchemasCheck } from '../src/schemas-check.ts';

const USAGE = `usage: node packages/contracts/scripts/schemas-check.ts [options]
  --base <rev>            git revision to compare with (default HEAD; none when the repository has no commit)
  --registry <url>        schema registry (Confluent-compatible API, e.g. http://127.0.0.1:8081/apis/ccompat/v7);
                          default: SCHEMA_REGISTRY_URL, then schemaRegistryUrl in .infra/endpoints.json
  --no-registry           skip the registry check even when a registry is configured
  --subject-prefix <p>    check subjects named <p><topic>-value
  --root <dir>            repository root (default: this checkout)`;

const SOURCE_LABELS = {
  flag: '--registry',
  env: 'SCHEMA_REGISTRY_URL',
  'infra-endpoints': '.infra/endpoints.json',
} as const;

const { values } = parseArgs({
  options: {
    base: { type: 'string' },
    registry: { type: 'string' },
    'no-registry': { type: 'boolean', default: false },
    'subject-prefix': { type: 'string' },
    root: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(USAGE);
} else {
  const root = values.root ?? repoRoot();
  const registry = values['no-registry'] ? undefined : registryFromOptions(root, values.registry, process.env);
  const result = await runSchemasCheck({
    root,
    ...(values.base === undefined ? {} : { base: values.base }),
    ...(registry === undefined ? {} : { registryUrl: registry.url, registrySource: SOURCE_LABELS[registry.source] }),
    ...(values['subject-prefix'] === undefined ? {} : { subjectPrefix: values['subject-prefix'] }),
  });
  for (const line of result.lines) console.log(line);
  process.exitCode = result.ok ? 0 : 1;
}
