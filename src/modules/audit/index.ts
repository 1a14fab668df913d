export { appendAudit, recordAudit, verifyAuditChain, listAudit, SYSTEM_ACTOR } from './service.ts';
export type { Actor, AuditEvent, VerifyResult, AuditListItem, AuditFilters } from './service.ts';
export { auditLog } from './schema.ts';
