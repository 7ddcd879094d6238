// The guard of issue 11 around `npm test`'s integration and system tests: `snapshot <file>` records the end offsets of
// every default-namespace topic (the ones a developer's `npm start` consumes), `compare <file>` fails naming each topic
// that moved since. Tests run in namespaces of their own, so any message there is a leak into the developer's stack.
// Run: node --disable-warning=TimeoutNegativeWarning packages/messaging/scripts/topic-offsets.ts snapshot|compare <file>
import { readFileSync, writeFileSync } from 'node:fs';
import { TOPICS } from '@sluice/contracts';
import { configuredEndpoints } from '@sluice/testing';
import { testKafka } from '../src/testing/test-namespaces.ts';
import { endOffsets, movedTopics, type TopicOffsets } from '../src/testing/topic-offsets.ts';
import { withDeadLetterTopics } from '../src/topic-spec.ts';

const [command, file] = process.argv.slice(2);
if ((command !== 'snapshot' && command !== 'compare') || !file) {
  process.stderr.write('usage: topic-offsets.ts snapshot|compare <file>\n');
  process.exit(2);
}
const infra = configuredEndpoints();
if (!infra) throw new Error('no infrastructure endpoints: run `npm run infra:up` first');

const admin = testKafka(infra).admin();
await admin.connect();
const now = await endOffsets(admin, withDeadLetterTopics(Object.keys(TOPICS)));
await admin.disconnect();

if (command === 'snapshot') {
  writeFileSync(file, `${JSON.stringify(now, null, 2)}\n`);
} else {
  const moved = movedTopics(JSON.parse(readFileSync(file, 'utf8')) as TopicOffsets, now);
  if (moved.length > 0) {
    process.stderr.write(
      `tests published into the default topic namespace, which a developer's \`npm start\` consumes:\n${moved
        .map(({ topic, count }) => `  ${topic}: ${count} message(s)`)
        .join(
          '\n',
        )}\nEvery suite must run its services, readers and producers in a test namespace (@sluice/messaging/testing).\n`,
    );
    process.exit(1);
  }
  process.stdout.write(`default topic namespace untouched (${Object.keys(now).length} topics checked)\n`);
}
