// Infrastructure, databases and waiters for tests. The Kafka helpers (topic namespaces, the topic tap, publishers) are
// `@sluice/messaging/testing`: they need messaging, whose own tests depend on this package.
export { freshDatabase, type TestDatabase } from './database.ts';
export { configuredEndpoints, type InfraEndpoints, InfraUnavailableError, probe, repoRoot } from './endpoints.ts';
export { freePort } from './free-port.ts';
export { requireInfra, resolveInfra } from './infra.ts';
export { uniqueName } from './names.ts';
export { documentedRoutes, servedRoutes } from './openapi-routes.ts';
export { type WaitOptions, waitFor } from './wait-for.ts';
