// Every table of every module, for drizzle-kit and for the typed database handle.

export * from '../modules/audit/schema.ts';
export * from '../modules/campaigns/schema.ts';
export * from '../modules/cases/schema.ts';
export * from '../modules/jobs/schema.ts';
export * from '../modules/matching/schema.ts';
export * from '../modules/notifications/schema.ts';
export * from '../modules/org/schema.ts';
export * from '../modules/relics/schema.ts';
export * from '../modules/reports/schema.ts';
export * from '../modules/stats/schema.ts';
