export { defineStep, type StepContext, type StepDefinition } from './define.ts';
export {
  type PendingStepStatus,
  type PendingStepTable,
  type PendingStepCallTable,
  stepMigrations,
  type StepTables,
} from './migrations.ts';
export { createStepRecovery, type StepRecovery, type StepRecoveryOptions } from './recovery.ts';
export { isTransient, type StepHost, type StepInContext } from './run.ts';
