export type { SeededPlatform, SeedPlatformOptions } from './app/seed-platform.ts';
export { type IntakeConfig, intakeConfigSchema, loadIntakeConfig } from './config.ts';
export { SCOPES, type Scope } from './domain/api-key.ts';
export { type IntakeHandles, startIntake } from './main.ts';
export { seedIntakePlatform } from './seed.ts';
