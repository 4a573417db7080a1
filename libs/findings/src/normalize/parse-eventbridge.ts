import { z } from 'zod';
import { FINDING_LIMITS } from './limits.js';
import { normalizeAsff } from './normalize-asff.js';
import { normalizeGuardDutyEvent } from './normalize-guardduty.js';
import type { NormalizeResult } from './normalized-finding.js';
import { accountId, region } from './schema-parts.js';
import { describe, formatIssues, issueMessage } from './zod-issues.js';

export type EventKind = 'securityhub' | 'guardduty';

/** One EventBridge event of a push: accepted with its per-finding results, or refused as a whole. */
export type ParsedEvent =
  | {
      index: number;
      ok: true;
      kind: EventKind;
      eventId: string;
      /** The envelope's `account`: where the event was emitted, e.g. a Security Hub aggregator or GuardDuty administrator account. */
      accountId: string;
      region: string;
      /** One result per finding, in order: a bad finding never blocks the others. */
      findings: NormalizeResult[];
    }
  | { index: number; ok: false; reason: string };

/** The event types Sieve ingests ("EventBridge event formats for Security Hub CSPM"; GuardDuty User Guide). */
const SECURITY_HUB = { source: 'aws.securityhub', detailType: 'Security Hub Findings - Imported' };
const GUARDDUTY = { source: 'aws.guardduty', detailType: 'GuardDuty Finding' };

const envelopeSchema = z.object({
  id: z.string().min(1),
  'detail-type': z.string(),
  source: z.string(),
  account: accountId,
  region,
  detail: z.record(z.string(), z.unknown()),
});

/**
 * Reads the body of a push: one EventBridge event or an array of them. Each event is judged on its own, and
 * within a Security Hub event each finding, so that one bad entry never costs the rest. Never throws.
 */
export function parseEventBridgePayload(body: unknown): ParsedEvent[] {
  const events = Array.isArray(body) ? body : [body];
  return events.map((event, index) => parseEvent(event, index));
}

function parseEvent(event: unknown, index: number): ParsedEvent {
  const refuse = (reason: string): ParsedEvent => ({ index, ok: false, reason });
  const parsed = envelopeSchema.safeParse(event, { error: issueMessage });
  if (!parsed.success) return refuse(formatIssues(parsed.error.issues, 'event').join('; '));
  const { id, source, account, region, detail } = parsed.data;
  const detailType = parsed.data['detail-type'];
  const accepted = (kind: EventKind, findings: NormalizeResult[]): ParsedEvent => ({
    index,
    ok: true,
    kind,
    eventId: id,
    accountId: account,
    region,
    findings,
  });

  if (source === GUARDDUTY.source && detailType === GUARDDUTY.detailType) {
    return accepted('guardduty', [normalizeGuardDutyEvent(detail, { region })]);
  }
  if (source === SECURITY_HUB.source && detailType === SECURITY_HUB.detailType) {
    const findings = detail.findings;
    if (!Array.isArray(findings))
      return refuse(`detail.findings: must be an array, got ${describe(findings)}`);
    if (findings.length === 0) return refuse('detail.findings: must contain at least one finding');
    if (findings.length > FINDING_LIMITS.findingsPerEvent) {
      return refuse(
        `detail.findings: at most ${FINDING_LIMITS.findingsPerEvent} findings per event, got ${findings.length}`,
      );
    }
    return accepted('securityhub', findings.map(normalizeAsff));
  }
  if (source === SECURITY_HUB.source && detailType === 'Findings Imported V2') {
    return refuse(
      'detail-type "Findings Imported V2" carries OCSF findings, which are not supported; send ASFF events',
    );
  }
  return refuse(
    `unsupported event: source ${describe(source)} with detail-type ${describe(detailType)}; expected ` +
      `"${SECURITY_HUB.detailType}" from ${SECURITY_HUB.source} or "${GUARDDUTY.detailType}" from ${GUARDDUTY.source}`,
  );
}
