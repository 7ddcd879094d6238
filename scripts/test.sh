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
npx turbo run test:integration --concurrency=1
