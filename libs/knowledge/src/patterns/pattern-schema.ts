import { z } from 'zod';
import { parseCidr } from './ip-network.js';
import { type FeatureKind, PATTERN_FEATURE_NAMES, featureKind } from './pattern-features.js';
import type { Predicate } from './predicate.js';

/**
 * The pattern language as a zod schema: what the API, the learning loop and the pooling job must hand
 * over before a pattern is stored. `patternJsonSchema()` publishes it as a JSON Schema (the shapes; the
 * feature-kind rules below are checked by `parsePatternDefinition`).
 */

const text = (max: number) => z.string().min(1).max(max);
const feature = z.enum(PATTERN_FEATURE_NAMES).describe('A fingerprint feature (see PATTERN_FEATURES).');
const scalar = z.union([z.string().max(1024), z.number(), z.boolean()]);
const cidr = z
  .string()
  .max(64)
  .refine((s) => parseCidr(s) !== undefined, { message: 'not a CIDR block (a.b.c.d/n or v6/n)' })
  .describe('IPv4 or IPv6 block, e.g. 203.0.113.0/24 or 2001:db8::/32');
const asn = z.int().min(0).max(4_294_967_295);
const tagKey = text(128);

export const predicateSchema = z
  .discriminatedUnion('op', [
    z.object({ op: z.literal('equals'), feature, value: scalar }).strict(),
    z
      .object({
        op: z.literal('in'),
        feature,
        values: z
          .array(z.union([z.string().max(1024), z.number()]))
          .min(1)
          .max(1000),
      })
      .strict(),
    z.object({ op: z.literal('prefix'), feature, value: text(1024) }).strict(),
    z
      .object({ op: z.literal('range'), feature, min: z.number().optional(), max: z.number().optional() })
      .strict()
      .refine((p) => p.min !== undefined || p.max !== undefined, { message: 'range needs min or max' })
      .refine((p) => p.min === undefined || p.max === undefined || p.min <= p.max, {
        message: 'range min is above max',
      }),
    z
      .object({
        op: z.literal('cidr'),
        feature: feature.default('remoteIp'),
        blocks: z.array(cidr).min(1).max(1000),
      })
      .strict(),
    z
      .object({
        op: z.literal('asn'),
        feature: feature.default('remoteAsn'),
        asns: z.array(asn).min(1).max(1000),
      })
      .strict(),
    z.object({ op: z.literal('present'), feature }).strict(),
    z.object({ op: z.literal('absent'), feature }).strict(),
    z.object({ op: z.literal('tagPresent'), key: tagKey }).strict(),
    z.object({ op: z.literal('tagAbsent'), key: tagKey }).strict(),
    z.object({ op: z.literal('tagEquals'), key: tagKey, value: z.string().max(256) }).strict(),
  ])
  .describe('One condition on a fingerprint feature; a pattern is the conjunction of its predicates.');

/** Which predicate ops a feature of each kind takes (present and absent apply to all). */
const OPS_BY_KIND: Record<FeatureKind, readonly string[]> = {
  string: ['equals', 'in', 'prefix'],
  list: ['equals', 'in', 'prefix'],
  number: ['equals', 'in', 'range'],
  asn: ['equals', 'in', 'range', 'asn'],
  ip: ['equals', 'in', 'cidr'],
  boolean: ['equals'],
};

/** The value type a feature's equals / in take: numbers for numbers, strings for text, list and ip. */
function valueType(kind: FeatureKind): 'number' | 'string' | 'boolean' {
  if (kind === 'number' || kind === 'asn') return 'number';
  return kind === 'boolean' ? 'boolean' : 'string';
}

/** A predicate that fits the shape must still fit its feature: `range` on a text feature never holds. */
function kindIssue(p: z.infer<typeof predicateSchema>): string | undefined {
  if (!('feature' in p) || p.op === 'present' || p.op === 'absent') return undefined;
  const kind = featureKind(p.feature)!;
  if (!OPS_BY_KIND[kind].includes(p.op)) {
    return `${p.op} does not apply to ${p.feature} (a ${kind} feature: ${OPS_BY_KIND[kind].join(', ')}, present, absent)`;
  }
  const expected = valueType(kind);
  const values = p.op === 'equals' ? [p.value] : p.op === 'in' ? p.values : [];
  const wrong = values.find((v) => typeof v !== expected);
  if (wrong !== undefined) return `${p.feature} holds ${expected}s, not ${JSON.stringify(wrong)}`;
  return undefined;
}

export const predicatesSchema = z
  .array(predicateSchema)
  .min(
    1,
    'a pattern needs at least one predicate (a pattern on the type alone would hide every finding of it)',
  )
  .max(32)
  .superRefine((predicates, ctx) => {
    predicates.forEach((p, i) => {
      const issue = kindIssue(p);
      if (issue) ctx.addIssue({ code: 'custom', message: issue, path: [i] });
    });
  });

/**
 * What the findings a pattern was learned from showed, for the novelty vetoes: a later finding with a
 * value outside it (a new country, another hosting provider, a port not exposed before…) is raised, not
 * suppressed. Absent lists mean "not recorded" (no veto on that list); see `noveltyVetoes`.
 */
export const patternSupportSchema = z
  .object({
    findings: z.int().min(0).describe('How many findings the pattern was learned from.'),
    countries: z.array(text(64)).max(500).optional(),
    asns: z.array(asn).max(500).optional(),
    userAgentFamilies: z.array(text(64)).max(200).optional(),
    apiActions: z.array(text(256)).max(1000).optional(),
    localPorts: z
      .array(z.string().regex(/^\d{1,5}$/))
      .max(1000)
      .optional()
      .describe('Local ports exposed in the support, as the fingerprint writes them.'),
    hostingProviders: z
      .array(text(128))
      .max(200)
      .optional()
      .describe('Hosting providers the remote side was on ("unknown" when hosting had no provider name).'),
    tor: z.boolean().optional().describe('The support had Tor remotes.'),
    tagged: z.boolean().optional().describe("The support's resources were tagged."),
  })
  .strict();

export type PatternSupport = z.infer<typeof patternSupportSchema>;

export const patternDefinitionSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    description: z.string().max(2000).default(''),
    findingType: text(256).describe(
      'The finding type the pattern applies to, e.g. Recon:EC2/PortProbeUnprotectedPort.',
    ),
    predicates: predicatesSchema,
    allowCritical: z.boolean().default(false).describe('Suppress CRITICAL findings too (off unless said).'),
    confidence: z.number().min(0).max(1).default(1),
    expiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
    support: patternSupportSchema.nullable().optional(),
  })
  .strict();

export type PatternDefinition = z.infer<typeof patternDefinitionSchema>;

/** A validation failure, one readable line per issue (`predicates[1].blocks[0]: not a CIDR block…`). */
export class PatternValidationError extends Error {
  constructor(readonly issues: readonly string[]) {
    super(`Invalid pattern: ${issues.join('; ')}`);
    this.name = 'PatternValidationError';
  }
}

function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path
      .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i ? '.' : ''}${String(part)}`))
      .join('');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
}

function parseWith<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (!result.success) throw new PatternValidationError(describeIssues(result.error));
  return result.data;
}

export function parsePatternDefinition(input: unknown): PatternDefinition {
  return parseWith(patternDefinitionSchema, input);
}

export function parsePredicates(input: unknown): Predicate[] {
  return parseWith(predicatesSchema, input) as Predicate[];
}

export function parsePatternSupport(input: unknown): PatternSupport {
  return parseWith(patternSupportSchema, input);
}

/** The pattern language as a JSON Schema document (draft 2020-12), for clients and reviewers. */
export function patternJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(patternDefinitionSchema, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
}
