export { auditLog } from './schema.ts';
export type { Actor, AuditEvent, AuditFilters, AuditListItem, VerifyResult } from './service.ts';
export { appendAudit, listAudit, recordAudit, SYSTEM_ACTOR, verifyAuditChain } from './service.ts';
