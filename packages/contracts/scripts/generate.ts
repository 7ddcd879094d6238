// Writes packages/contracts/src/generated/{types,topics}.ts from schemas/**/*.avsc.
// Usage: npm run generate -w @sluice/contracts (or node packages/contracts/scripts/generate.ts from anywhere).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GENERATED_DIR, generateSources } from '../src/codegen/generate-sources.ts';
import { repoRoot } from '../src/schema-files.ts';

const root = repoRoot();
try {
  const sources = generateSources(root);
  mkdirSync(join(root, GENERATED_DIR), { recursive: true });
  for (const [name, content] of Object.entries(sources)) {
    writeFileSync(join(root, GENERATED_DIR, name), content);
    console.log(`wrote ${GENERATED_DIR}/${name}`);
  }
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
