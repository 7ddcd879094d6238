#!/usr/bin/env bash
# `npm test`: the real infrastructure, then lint, type-check, unit, integration and system tests of every workspace.
# Runs under scripts/run.sh (Node 24 and dependencies guaranteed). With CI=true, missing infrastructure fails the run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

echo "==> infrastructure"
node packages/cli/src/bin.ts up

echo "==> generate, lint, typecheck, schema compatibility"
npx turbo run generate --output-logs=errors-only
npx biome check .
npx turbo run typecheck --output-logs=errors-only
node packages/contracts/scripts/schemas-check.ts

echo "==> unit tests"
npx turbo run test --concurrency=2

echo "==> integration and system tests (real Kafka, schema registry, PostgreSQL)"
# Tests run in topic namespaces of their own; the guard fails the run if any default topic (what a developer's
# `npm start` consumes) gained a message meanwhile, naming the topic and the count.
offsets="$(mktemp)"
trap 'rm -f "$offsets"' EXIT
node --disable-warning=TimeoutNegativeWarning packages/messaging/scripts/topic-offsets.ts snapshot "$offsets"
status=0
npx turbo run test:integration --concurrency=1 || status=$?
node --disable-warning=TimeoutNegativeWarning packages/messaging/scripts/topic-offsets.ts compare "$offsets" || status=1
exit "$status"
