/**
 * Timeline entry types the case domain writes, and what their `data` holds. Other domains append their own
 * (the SLA engine: SLA_WARNING, SLA_BREACHED); listeners must ignore types they do not know.
 */
export enum CaseEventType {
  /** `{ key, number, title, severityLabel, priority, status, source: 'grouping' | 'manual' }` */
  CREATED = 'CREATED',
  /** `{ changes: { title?: { from, to }, description?: { from, to } } }` */
  UPDATED = 'UPDATED',
  /** `{ findingId, reason, findingType, title, severityLabel, awsAccountId, region, relabelled?, fromCaseId? }` */
  FINDING_ATTACHED = 'FINDING_ATTACHED',
  /** `{ findingId, toCaseId }` */
  FINDING_DETACHED = 'FINDING_DETACHED',
  /** `{ from, to }` */
  STATUS_CHANGED = 'STATUS_CHANGED',
  /** `{ assigneeId (null: unassigned), previousAssigneeId }` */
  ASSIGNED = 'ASSIGNED',
  /** `{ assigneeId }`: the actor took the case for themselves. */
  CLAIMED = 'CLAIMED',
  /** `{ commentId, excerpt }` */
  COMMENTED = 'COMMENTED',
  /** `{ taskId, title, assigneeId, dueAt }` */
  TASK_ADDED = 'TASK_ADDED',
  /** `{ taskId, changes: { title?, assigneeId?, dueAt?, done? } }` each `{ from, to }` */
  TASK_UPDATED = 'TASK_UPDATED',
  /** `{ observableId, type, value, source: 'FINDING' | 'MANUAL', findingId }` */
  OBSERVABLE_ADDED = 'OBSERVABLE_ADDED',
  /** `{ from, to, fromPriority, toPriority }` (labels) */
  SEVERITY_CHANGED = 'SEVERITY_CHANGED',
  /** `{ added, removed, tags }` */
  TAGS_CHANGED = 'TAGS_CHANGED',
  /** `{ userId }` */
  WATCHER_ADDED = 'WATCHER_ADDED',
  /** `{ userId }` */
  WATCHER_REMOVED = 'WATCHER_REMOVED',
  /** On the source: `{ intoCaseId, intoKey, findingIds }`; on the target: `{ fromCaseId, fromKey, findingIds }` */
  MERGED = 'MERGED',
  /** `{ disposition, summary, learn }`, next to the STATUS_CHANGED to RESOLVED */
  RESOLVED = 'RESOLVED',
  /** `{ to: 'INVESTIGATING', previousDisposition }`, next to the STATUS_CHANGED that reopens */
  REOPENED = 'REOPENED',
}
