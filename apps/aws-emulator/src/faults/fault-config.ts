import { z } from 'zod';

const ratio = z.number().min(0).max(1);

/** What the admin API accepts for `PUT /__admin/faults`; every field is optional. */
export const faultConfigSchema = z.strictObject({
  /** Fraction of in-scope requests answered 429/throttled whatever the token bucket says. */
  throttleRatio: ratio.optional(),
  /** Fraction of in-scope requests answered with a server error. */
  serverErrorRatio: ratio.optional(),
  /** 500 answers InternalException (InternalFailure outside Security Hub), 503 ServiceUnavailable. */
  serverErrorStatus: z.union([z.literal(500), z.literal(503)]).optional(),
  /** Added before answering each in-scope request. */
  latencyMs: z.number().int().min(0).max(60_000).optional(),
  /** Roles that behave as deleted: AssumeRole is denied and their live sessions lose all access. */
  deletedRoleArns: z.array(z.string().startsWith('arn:aws:iam::')).optional(),
  /** Limits ratio and latency faults to these operations (e.g. `GetFindings`); all when absent. */
  operations: z.array(z.string()).optional(),
  /** Limits ratio and latency faults to callers of these accounts; all when absent. */
  accountIds: z.array(z.string().regex(/^\d{12}$/)).optional(),
});

export type FaultConfig = z.infer<typeof faultConfigSchema>;
