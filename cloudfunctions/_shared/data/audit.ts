// The audit log: who changed what, when, within which request. Entries name ids and fields, never the
// personal values themselves.
export interface AuditEntry {
  at: Date;
  actorOpenid: string;
  action: string;
  targetCollection: string;
  targetId: string;
  requestId: string;
  details: Record<string, string | number | boolean | null>;
}
