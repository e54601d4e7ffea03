/**
 * The public entry of core: the extension, the command line and the site import from here only.
 * Each module adds one `export *` line for itself.
 */
export * from './errors.ts';
export * from './model/activity.ts';
export * from './model/audit-event.ts';
export * from './model/batch.ts';
export type { Brand } from './model/brand.ts';
export * from './model/device.ts';
export * from './model/exception.ts';
export * from './model/exposure.ts';
export * from './model/id-source.ts';
export * from './model/ids.ts';
export * from './model/intune-task.ts';
export * from './model/recommendation.ts';
export * from './model/result.ts';
export * from './model/state.ts';
export * from './model/time.ts';
export * from './rules/overdue.ts';
