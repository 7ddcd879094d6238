export { type DrillBroker, startDrillBroker } from './drill-broker.ts';
export type { InfraEndpoints } from './endpoints.ts';
export { InfraError, type InfraErrorCode } from './errors.ts';
export { type InfraOptions, infraDown, infraStatus, infraUp, readEndpoints } from './infra.ts';
export { dropKafkajsTimeoutWarning } from './kafkajs-warning.ts';
export { SERVICE_DATABASES } from './postgres.ts';
export { type ComponentName, type ComponentStatus, formatStatus } from './status.ts';
export { V1_TOPICS } from './topics.ts';
