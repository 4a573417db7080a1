import { AuditLogEntry } from '@sieve/core';
import { AWS_ENTITIES } from '@sieve/aws';
import { CASES_ENTITIES } from '@sieve/cases';
import { FINDINGS_ENTITIES } from '@sieve/findings';
import { KNOWLEDGE_ENTITIES } from '@sieve/knowledge';
import { NOTIFY_ENTITIES } from '@sieve/notify';
import { TRIAGE_ENTITIES } from '@sieve/triage';
import { TENANCY_ENTITIES } from '@sieve/tenancy';

/** Every entity of every domain: what the schema must match after the migrations ran. */
export const ALL_ENTITIES = [
  AuditLogEntry,
  ...TENANCY_ENTITIES,
  ...AWS_ENTITIES,
  ...FINDINGS_ENTITIES,
  ...KNOWLEDGE_ENTITIES,
  ...TRIAGE_ENTITIES,
  ...CASES_ENTITIES,
  ...NOTIFY_ENTITIES,
];
