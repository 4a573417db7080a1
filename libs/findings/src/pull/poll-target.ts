import type { AwsRegionTarget } from '@sieve/aws';

/** One account × region of a tenant, with the role and ExternalId to read it through. */
export type PollTarget = AwsRegionTarget;

/** What one poll did. `read` counts findings received; the outcomes count distinct findings stored. */
export interface PollSummary {
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Findings set aside by validation (logged with their errors, never stored). */
  invalid: number;
  /** Pages committed (each one with the cursor it advanced). */
  pages: number;
  /** The cursor after the poll (ISO 8601), null while nothing was ever read. */
  cursor: string | null;
}
