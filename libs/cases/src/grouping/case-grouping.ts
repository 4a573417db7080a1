import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { AppConfigService, Clock, type SystemActor } from '@sieve/core';
import type { JudgedFinding, VerdictHook } from '@sieve/triage';
import type { EntityManager } from 'typeorm';
import { CaseTimeline, type TimelineAppend, type TimelineEntryInput } from '../events/case-timeline.js';
import { CaseEventType } from '../model/case-event-type.js';
import type { CaseFindingReason } from '../model/case-finding.entity.js';
import { caseKey } from '../model/case-key.js';
import { CaseStatus, openCaseSql } from '../model/case-status.js';
import { type FindingFacts, attachedFindingData } from '../model/finding-facts.js';
import { type SeverityLabel, compareSeverity } from '../model/severity.js';
import { CaseLinks, observableAddedData } from '../store/case-links.js';
import { CaseNumbers } from '../store/case-numbers.js';
import { CONTROL_KEY, type KeyedGroup, groupByKeys, mergeKeys } from './group-keys.js';
import { type Span, joins, observedTime, spanOf } from './grouping-window.js';
import {
  describeKeys,
  factsOfJudged,
  keysOfJudged,
  severityOf,
  worstSeverityFinding,
} from './judged-facts.js';
import { type CorrelatedFinding, RetroCorrelation } from './retro-correlation.js';

const GROUPING_ACTOR: SystemActor = { kind: 'system', name: 'case-grouping' };

/** Where the grouping registers itself: triage's `VerdictHooks`, handed in by the worker (see the module). */
export interface VerdictHookRegistry {
  register(hook: VerdictHook): void;
}
export const VERDICT_HOOK_REGISTRY = Symbol('VerdictHookRegistry');

interface Candidate {
  id: string;
  number: number;
  group_keys: string[];
  severity_label: SeverityLabel;
  severity_normalized: number;
  priority: number;
  /** When the case's findings happened: the earliest and latest provider time among them. */
  first_observed_at: Date;
  last_observed_at: Date;
}

/** What one batch does to one case. */
interface Plan {
  caseId: string;
  number: number;
  existing: Candidate | null;
  raised: FindingFacts[];
  keys: string[];
  attach: { finding: FindingFacts; reason: CaseFindingReason }[];
  /** When its raised findings happened: what precursors are looked for before. */
  span: Span;
}

/**
 * Puts each RAISED finding of a triage batch into a case, inside the verdicts' transaction: an open case of
 * the tenant sharing its resource or principal whose findings happened within the grouping window of it, or
 * an open case of the same failing Security Hub control of its account, else a new case. The window is
 * measured on when things happened (the findings' provider times), not on when Sieve saw them: a backlog
 * ingested late (a newly connected account, a catch-up after an outage) groups as it would have live, and a
 * day-old finding judged now does not join an unrelated case of today.
 * Findings of one batch on one resource or principal share a case; the case's severity and priority follow
 * its worst finding; earlier findings on the same keys are attached by retro-correlation. A dozen statements
 * per batch whatever its size. Idempotent: a finding already in an open case is left where it is, so a
 * re-run of a batch attaches nothing twice and opens no second case.
 */
@Injectable()
export class CaseGrouping implements VerdictHook, OnModuleInit {
  constructor(
    @Inject(VERDICT_HOOK_REGISTRY) private readonly registry: VerdictHookRegistry,
    private readonly clock: Clock,
    private readonly config: AppConfigService,
    private readonly numbers: CaseNumbers,
    private readonly links: CaseLinks,
    private readonly correlation: RetroCorrelation,
    private readonly timeline: CaseTimeline,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async afterVerdicts(
    manager: EntityManager,
    tenantId: string,
    judged: readonly JudgedFinding[],
  ): Promise<void> {
    const raised = judged.filter((j) => j.decision.verdict === 'RAISED');
    if (raised.length === 0) return;
    const inCase = await this.links.openCaseOf(
      manager,
      tenantId,
      raised.map((j) => j.finding.id),
    );
    const fresh = raised.filter((j) => !inCase.has(j.finding.id));
    if (fresh.length === 0) return;

    const now = this.clock.now();
    const windowMs = this.config.values.CASE_GROUPING_WINDOW_MINUTES * 60_000;
    const observedAt = new Map(fresh.map((j) => [j.finding.id, observedTime(j.finding)]));
    const groups = groupByKeys(fresh.map((j) => ({ item: factsOfJudged(j), keys: keysOfJudged(j) }))).map(
      (g) => ({ ...g, span: spanOf(g.items.map((f) => observedAt.get(f.id)!)) }),
    );
    const candidates = await this.candidates(manager, tenantId, [...new Set(groups.flatMap((g) => g.keys))], {
      from: new Date(Math.min(...groups.map((g) => g.span.first)) - windowMs),
      to: new Date(Math.max(...groups.map((g) => g.span.last)) + windowMs),
    });
    const [tenant] = (await manager.query(`SELECT slug, writeback_enabled FROM tenants WHERE id = $1`, [
      tenantId,
    ])) as { slug: string; writeback_enabled: boolean }[];

    const plans = this.plan(groups, candidates, windowMs);
    const opened = plans.filter((p) => !p.existing);
    const numbers = await this.numbers.allocate(manager, tenantId, opened.length);
    opened.forEach((p, i) => (p.number = numbers[i]));

    const correlated = await this.correlation.correlate(
      manager,
      tenantId,
      plans.map((p) => ({
        caseId: p.caseId,
        caseKey: caseKey(tenant.slug, p.number),
        keys: p.keys,
        trigger: worstSeverityFinding(p.raised),
        raisedTypes: [...new Set(p.raised.map((f) => f.findingType))],
        priority: Math.min(...p.raised.map((f) => severityOf(f).priority)),
        // Precursors happened before what was raised, within the window.
        observedFrom: new Date(p.span.first - windowMs),
        observedTo: new Date(p.span.last),
      })),
      { now, exclude: fresh.map((j) => j.finding.id), writeback: tenant.writeback_enabled },
    );
    this.addCorrelated(plans, correlated);
    await this.write(manager, tenantId, tenant.slug, plans, now);
  }

  /**
   * Open cases of the tenant sharing a key whose findings happened between `from` and `to` (the batch's
   * times widened by the window; each group is checked against its own times in `plan`); locked in id order
   * (no deadlocks).
   */
  private async candidates(
    manager: EntityManager,
    tenantId: string,
    keys: string[],
    observed: { from: Date; to: Date },
  ): Promise<Candidate[]> {
    if (keys.length === 0) return [];
    const rows = (await manager.query(
      `SELECT c.id, c.number, c.group_keys, c.severity_label, c.severity_normalized, c.priority,
              s.first_observed_at, s.last_observed_at
       FROM cases c
       CROSS JOIN LATERAL (
         SELECT min(f.provider_updated_at) AS first_observed_at, max(f.provider_updated_at) AS last_observed_at
         FROM case_findings cf JOIN findings f ON f.id = cf.finding_id
         WHERE cf.tenant_id = c.tenant_id AND cf.case_id = c.id) s
       WHERE c.tenant_id = $1 AND ${openCaseSql('c')} AND c.group_keys && $2::text[]
         AND ((s.last_observed_at >= $3 AND s.first_observed_at <= $4) OR c.group_keys && $5::text[])
       ORDER BY c.id FOR UPDATE OF c`,
      [tenantId, keys, observed.from, observed.to, keys.filter((k) => k.startsWith(CONTROL_KEY))],
    )) as Candidate[];
    // The case whose findings are the most recent wins when a finding's keys match several.
    return rows.sort((a, b) => b.last_observed_at.getTime() - a.last_observed_at.getTime());
  }

  private plan(
    groups: readonly (KeyedGroup<FindingFacts> & { span: Span })[],
    candidates: readonly Candidate[],
    windowMs: number,
  ): Plan[] {
    const plans: Plan[] = [];
    const byCase = new Map<string, Plan>();
    for (const group of groups) {
      const match = candidates.find((c) => joins(c, group, windowMs));
      let plan = match ? byCase.get(match.id) : undefined;
      if (!plan) {
        plan = {
          caseId: match?.id ?? randomUUID(),
          number: match?.number ?? 0,
          existing: match ?? null,
          raised: [],
          keys: [],
          attach: [],
          span: group.span,
        };
        plans.push(plan);
        if (match) byCase.set(match.id, plan);
      }
      plan.span = {
        first: Math.min(plan.span.first, group.span.first),
        last: Math.max(plan.span.last, group.span.last),
      };
      plan.raised.push(...group.items);
      plan.keys = mergeKeys(plan.keys, group.keys);
      plan.attach.push(...group.items.map((finding) => ({ finding, reason: 'raised' as const })));
    }
    return plans;
  }

  private addCorrelated(plans: readonly Plan[], correlated: readonly CorrelatedFinding[]): void {
    const byCase = new Map(plans.map((p) => [p.caseId, p]));
    for (const c of correlated) {
      const plan = byCase.get(c.caseId)!;
      plan.attach.push({ finding: c.finding, reason: c.reason });
      // An earlier raised finding counts for severity; suppressed context does not.
      if (c.reason === 'grouped') plan.raised.push(c.finding);
    }
  }

  private async write(
    manager: EntityManager,
    tenantId: string,
    slug: string,
    plans: readonly Plan[],
    now: Date,
  ): Promise<void> {
    const created = new Map<string, TimelineEntryInput>();
    const severityChanged = new Map<string, TimelineEntryInput>();
    const inserts: Record<string, unknown>[] = [];
    const updates: Record<string, unknown>[] = [];
    for (const plan of plans) {
      const worst = severityOf(worstSeverityFinding(plan.raised));
      const priority = Math.min(...plan.raised.map((f) => severityOf(f).priority));
      const existing = plan.existing;
      if (!existing) {
        const title = worstSeverityFinding(plan.raised).title.slice(0, 300);
        inserts.push({
          id: plan.caseId,
          number: plan.number,
          title,
          description: `Opened by triage for ${plan.raised.length} raised finding(s) on ${describeKeys(plan.keys)}.`,
          severity_label: worst.label,
          severity_normalized: worst.normalized,
          priority,
          group_keys: plan.keys,
        });
        created.set(plan.caseId, {
          type: CaseEventType.CREATED,
          data: {
            key: caseKey(slug, plan.number),
            number: plan.number,
            title,
            severityLabel: worst.label,
            severityNormalized: worst.normalized,
            priority,
            status: CaseStatus.NEW,
            source: 'grouping',
          },
        });
        continue;
      }
      const current = { label: existing.severity_label, normalized: existing.severity_normalized };
      const severity = compareSeverity(worst, current) > 0 ? worst : current;
      const newPriority = Math.min(existing.priority, priority);
      updates.push({
        id: plan.caseId,
        severity_label: severity.label,
        severity_normalized: severity.normalized,
        priority: newPriority,
        group_keys: mergeKeys(existing.group_keys, plan.keys),
      });
      if (severity !== current || newPriority !== existing.priority) {
        severityChanged.set(plan.caseId, {
          type: CaseEventType.SEVERITY_CHANGED,
          data: {
            from: current.label,
            to: severity.label,
            fromPriority: existing.priority,
            toPriority: newPriority,
          },
        });
      }
    }
    if (inserts.length > 0) {
      await manager.query(
        `INSERT INTO cases (id, tenant_id, number, title, description, severity_label, severity_normalized, priority,
           status, group_keys, created_at, updated_at, last_activity_at)
         SELECT c.id, $1, c.number, c.title, c.description, c.severity_label, c.severity_normalized, c.priority,
           'NEW', c.group_keys, $2, $2, $2
         FROM jsonb_to_recordset($3::jsonb) AS c(id uuid, number int, title text, description text,
           severity_label text, severity_normalized smallint, priority smallint, group_keys text[])`,
        [tenantId, now, JSON.stringify(inserts)],
      );
    }
    if (updates.length > 0) {
      await manager.query(
        `UPDATE cases c SET severity_label = u.severity_label, severity_normalized = u.severity_normalized,
           priority = u.priority, group_keys = u.group_keys, last_activity_at = $2, updated_at = $2
         FROM jsonb_to_recordset($3::jsonb) AS u(id uuid, severity_label text, severity_normalized smallint,
           priority smallint, group_keys text[])
         WHERE c.tenant_id = $1 AND c.id = u.id`,
        [tenantId, now, JSON.stringify(updates)],
      );
    }
    const { attached, observables } = await this.attach(manager, tenantId, plans, now);
    // Per case: CREATED, the attachments, the severity change they caused, the observables they brought.
    await this.timeline.appendAll(
      manager,
      plans.map((p): TimelineAppend => ({
        tenantId,
        caseId: p.caseId,
        actor: GROUPING_ACTOR,
        entries: [
          ...(created.has(p.caseId) ? [created.get(p.caseId)!] : []),
          ...(attached.get(p.caseId) ?? []),
          ...(severityChanged.has(p.caseId) ? [severityChanged.get(p.caseId)!] : []),
          ...(observables.get(p.caseId) ?? []),
        ],
      })),
    );
  }

  /** Links the planned findings, then adds the observables the newly linked ones bring; entries by case. */
  private async attach(
    manager: EntityManager,
    tenantId: string,
    plans: readonly Plan[],
    now: Date,
  ): Promise<{
    attached: Map<string, TimelineEntryInput[]>;
    observables: Map<string, TimelineEntryInput[]>;
  }> {
    const wanted = plans.flatMap((p) =>
      p.attach.map((a) => ({
        caseId: p.caseId,
        findingId: a.finding.id,
        reason: a.reason,
        finding: a.finding,
      })),
    );
    const inserted = new Set(
      (await this.links.attach(manager, tenantId, wanted, now)).map((l) => `${l.caseId}/${l.findingId}`),
    );
    const linked = wanted.filter((w) => inserted.has(`${w.caseId}/${w.findingId}`));
    const attached = new Map<string, TimelineEntryInput[]>();
    for (const link of linked) {
      push(attached, link.caseId, {
        type: CaseEventType.FINDING_ATTACHED,
        data: {
          ...attachedFindingData(link.finding),
          reason: link.reason,
          relabelled: link.reason === 'correlated',
        },
      });
    }
    const observables = new Map<string, TimelineEntryInput[]>();
    const added = await this.links.addFromFindings(
      manager,
      tenantId,
      linked.map((l) => ({ caseId: l.caseId, finding: l.finding })),
    );
    for (const o of added)
      push(observables, o.caseId, { type: CaseEventType.OBSERVABLE_ADDED, data: observableAddedData(o) });
    return { attached, observables };
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
