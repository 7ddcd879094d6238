export { DEFAULT_OPERATORS, type IssuedOperator } from './app/operators.ts';
export { type ClientResponse, type ComplianceClient, complianceClient } from './client.ts';
export { type ComplianceConfig, complianceConfigSchema, loadComplianceConfig } from './config.ts';
export { ROLES, type Role } from './domain/roles.ts';
export { type ComplianceHandles, startCompliance } from './main.ts';
export { readinessReport } from './readiness-report.ts';
export { SANDBOX_SCREENING_ADDRESSES } from './sandbox-addresses.ts';
export { seedOperators } from './seed.ts';
