import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { getQueueToken } from '@nestjs/bullmq';
import type { TestingModule } from '@nestjs/testing';
import { ErrorCode, ManualClock, QueueName, TenantRole, UnitOfWork, type UserPrincipal } from '@sieve/core';
import type { Queue } from 'bullmq';
import pg from 'pg';
import { KnowledgeException } from '../knowledge.exception.js';
import type { Fingerprint } from '../patterns/predicate.js';
import { msspAnalyst, tenantAdmin } from '../testing/knowledge-test-context.js';
import { LearningPolicies } from './policy/learning-policies.service.js';
import { PatternActivationPolicy } from './policy/learning-policy.js';
import { PatternApprovals } from './proposals/pattern-approvals.js';
import { type LearningOutcome, PatternProposer } from './proposals/pattern-proposer.js';
import { ProposalBacktests } from './proposals/proposal-backtests.js';
import { ProposalState } from './proposals/proposal-state.js';
import {
  bootLearning,
  markTruePositive,
  seedFindings,
  seedTenantRow,
} from './testing/learning-test-context.js';

const TYPE = 'Discovery:IAMUser/AnomalousBehavior';
const DAY = 86_400_000;

/** The deploy role listing buckets from the office ISP, as triage fingerprints it. */
const deploy = (patch: Fingerprint = {}): Fingerprint => ({
  findingType: TYPE,
  principalKind: 'assumed-role',
  principalName: 'deploy',
  principalKey: '710000000001:role/deploy',
  apiAction: 's3:ListBuckets',
  userAgentFamily: 'aws-cli',
  userAgentMajor: 2,
  remoteIp: '198.51.100.10',
  remoteAsn: 7922,
  remoteCountry: 'US',
  ...patch,
});

describe('the learning loop: proposals, backtests and activation (PostgreSQL + Redis)', () => {
  const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
  const now = new Date();
  const clock = new ManualClock(now);
  let moduleRef: TestingModule;
  let uow: UnitOfWork;
  let proposer: PatternProposer;
  let backtests: ProposalBacktests;
  let approvals: PatternApprovals;
  let policies: LearningPolicies;

  beforeAll(async () => {
    await owner.connect();
    moduleRef = await bootLearning(clock);
    uow = moduleRef.get(UnitOfWork);
    proposer = moduleRef.get(PatternProposer);
    backtests = moduleRef.get(ProposalBacktests);
    approvals = moduleRef.get(PatternApprovals);
    policies = moduleRef.get(LearningPolicies);
  });

  afterAll(async () => {
    await moduleRef?.close();
    await owner.end();
  });

  /** A tenant whose deploy role was seen three times this week, and a case of two of those findings resolved benign. */
  async function resolvedBenign(tenantId: string): Promise<{ outcome: LearningOutcome; caseId: string }> {
    const fingerprints = [deploy(), deploy({ remoteIp: '198.51.100.11' })];
    const ids = await seedFindings(owner, tenantId, [
      ...fingerprints.map((fingerprint, i) => ({
        fingerprint,
        lastSeenAt: new Date(now.getTime() - (i + 1) * DAY),
      })),
      { fingerprint: deploy(), lastSeenAt: new Date(now.getTime() - 3 * DAY) },
    ]);
    const caseId = randomUUID();
    const outcome = await uow.withTenant(tenantId, (manager) =>
      proposer.proposeFromCase(manager, {
        tenantId,
        caseId,
        caseKey: 'LEARN-7',
        disposition: 'BENIGN_EXPECTED',
        summary: 'The deploy role lists buckets every night',
        analystId: randomUUID(),
        findings: fingerprints.map((fingerprint, i) => ({
          id: ids[i],
          findingType: TYPE,
          severityLabel: 'MEDIUM',
          fingerprint,
        })),
      }),
    );
    return { outcome, caseId };
  }

  const patternRow = async (id: string) =>
    (
      await owner.query(
        `SELECT status, retired_reason, source_case_id, created_by FROM known_good_patterns WHERE id = $1`,
        [id],
      )
    ).rows[0];
  const proposalRow = async (id: string) =>
    (await owner.query(`SELECT state, backtest FROM pattern_proposals WHERE pattern_id = $1`, [id])).rows[0];

  it('proposes a PROPOSED pattern with its provenance, and activates it after a clean backtest (default policy)', async () => {
    const tenantId = await seedTenantRow(owner);
    const { outcome, caseId } = await resolvedBenign(tenantId);
    expect(outcome.notLearnt).toEqual([]);
    const [proposed] = outcome.proposed;
    expect(proposed).toMatchObject({ findingType: TYPE, findingCount: 2, reference: 'P-1' });
    expect(proposed.rendering).toContain('remoteAsn ∈ {AS7922}');
    expect(await patternRow(proposed.patternId)).toMatchObject({
      status: 'PROPOSED',
      source_case_id: caseId,
      created_by: 'pattern-learning',
    });

    const run = await backtests.runPending(tenantId);
    expect(run).toMatchObject({ activated: [proposed.patternId], refused: [], failed: [], more: false });
    expect((await patternRow(proposed.patternId)).status).toBe('ACTIVE');
    const proposal = await proposalRow(proposed.patternId);
    // The three findings of the week match; none is a true positive.
    expect(proposal).toMatchObject({
      state: 'CLEAN',
      backtest: { matched: 3, suppressed: 3, truePositives: 0 },
    });
    const audit = await owner.query(
      `SELECT actor_id FROM audit_log WHERE target_id = $1 AND action = 'pattern.activated'`,
      [proposed.patternId],
    );
    expect(audit.rows).toEqual([{ actor_id: 'pattern-learning' }]);
  });

  it('refuses to activate a pattern that would hide a finding marked TRUE_POSITIVE, naming the count', async () => {
    const tenantId = await seedTenantRow(owner);
    // Last month the deploy role's keys were stolen and used from the same ISP: an analyst said so.
    const [stolen] = await seedFindings(owner, tenantId, [
      { fingerprint: deploy({ remoteIp: '198.51.100.66' }), lastSeenAt: new Date(now.getTime() - 20 * DAY) },
    ]);
    await markTruePositive(owner, tenantId, stolen);
    const { outcome } = await resolvedBenign(tenantId);
    const [proposed] = outcome.proposed;

    const run = await backtests.runPending(tenantId);
    expect(run).toMatchObject({ activated: [], refused: [proposed.patternId] });
    expect((await patternRow(proposed.patternId)).status).toBe('PROPOSED');
    expect(await proposalRow(proposed.patternId)).toMatchObject({
      state: 'REFUSED',
      backtest: { truePositives: 1, truePositiveFindings: [{ findingId: stolen }] },
    });

    // Approval by hand backtests again and is refused the same way.
    const approval = approvals.approve(tenantAdmin(tenantId), proposed.patternId);
    await expect(approval).rejects.toMatchObject({
      code: ErrorCode.PatternBacktestFailed,
      message: expect.stringContaining('would hide 1 finding marked TRUE_POSITIVE'),
      details: { truePositives: 1, findingIds: [stolen] },
    });
    expect((await patternRow(proposed.patternId)).status).toBe('PROPOSED');
  });

  it('under the approval policy leaves a clean proposal PROPOSED until an admin or assigned analyst approves it', async () => {
    const tenantId = await seedTenantRow(owner);
    const analyst: UserPrincipal = { ...tenantAdmin(tenantId), tenantRole: TenantRole.TENANT_ANALYST };
    await expect(
      policies.set(analyst, { activation: PatternActivationPolicy.REQUIRE_APPROVAL }),
    ).rejects.toMatchObject({
      code: ErrorCode.Forbidden,
    });
    const policy = await policies.set(tenantAdmin(tenantId), {
      activation: PatternActivationPolicy.REQUIRE_APPROVAL,
      backtestDays: 7,
    });
    expect(policy).toMatchObject({ activation: 'REQUIRE_APPROVAL', backtestDays: 7 });

    const { outcome } = await resolvedBenign(tenantId);
    const [proposed] = outcome.proposed;
    const run = await backtests.runPending(tenantId);
    expect(run).toMatchObject({ activated: [], awaitingApproval: [proposed.patternId] });
    expect((await patternRow(proposed.patternId)).status).toBe('PROPOSED');
    expect(await proposalRow(proposed.patternId)).toMatchObject({ state: 'CLEAN', backtest: { days: 7 } });

    await expect(approvals.approve(analyst, proposed.patternId)).rejects.toBeInstanceOf(KnowledgeException);
    const approved = await approvals.approve(msspAnalyst(tenantId, [tenantId]), proposed.patternId);
    expect(approved.pattern.status).toBe('ACTIVE');
    expect(approved.backtest).toMatchObject({ days: 7, truePositives: 0 });
    await expect(approvals.approve(tenantAdmin(tenantId), proposed.patternId)).rejects.toMatchObject({
      code: ErrorCode.Conflict,
    });
  });

  it('rejects a proposal: retired with the reason, and its pending backtest skipped', async () => {
    const tenantId = await seedTenantRow(owner);
    const { outcome } = await resolvedBenign(tenantId);
    const [proposed] = outcome.proposed;
    const rejected = await approvals.reject(tenantAdmin(tenantId), proposed.patternId, 'too broad');
    expect(rejected).toMatchObject({ status: 'RETIRED', retiredReason: 'rejected: too broad' });
    expect((await proposalRow(proposed.patternId)).state).toBe(ProposalState.SKIPPED);
    expect(await backtests.runPending(tenantId)).toMatchObject({ activated: [], skipped: [] });
    await expect(approvals.reject(tenantAdmin(tenantId), randomUUID(), 'x')).rejects.toMatchObject({
      code: ErrorCode.NotFound,
    });
  });

  it('does not propose the same pattern twice, and withdraws pending proposals of a reopened case', async () => {
    const tenantId = await seedTenantRow(owner);
    const first = await resolvedBenign(tenantId);
    const second = await resolvedBenign(tenantId);
    expect(second.outcome.proposed).toEqual([]);
    expect(second.outcome.notLearnt).toEqual([
      { findingType: TYPE, findingCount: 2, reason: 'the same pattern exists already: P-1 (PROPOSED)' },
    ]);

    const withdrawn = await uow.withTenant(tenantId, (manager) =>
      proposer.withdrawCase(manager, tenantId, first.caseId, 'LEARN-7'),
    );
    expect(withdrawn).toEqual([{ patternId: first.outcome.proposed[0].patternId, reference: 'P-1' }]);
    expect(await patternRow(first.outcome.proposed[0].patternId)).toMatchObject({
      status: 'RETIRED',
      retired_reason: 'source case LEARN-7 was reopened',
    });
  });

  it('wakes the learning job once the proposal commits, never for a rolled-back one; the sweeper finds the rest', async () => {
    const queue = moduleRef.get<Queue>(getQueueToken(QueueName.Learning));
    const jobOf = async (tenantId: string) => queue.getDeduplicationJobId(`learning.${tenantId}`);

    const rolledBack = await seedTenantRow(owner);
    await expect(
      uow.withTenant(rolledBack, async (manager) => {
        await proposer.proposeFromCase(manager, {
          tenantId: rolledBack,
          caseId: randomUUID(),
          caseKey: 'LEARN-8',
          disposition: 'FALSE_POSITIVE',
          summary: 'x',
          analystId: null,
          findings: [{ id: randomUUID(), findingType: TYPE, severityLabel: 'LOW', fingerprint: deploy() }],
        });
        throw new Error('the resolution failed');
      }),
    ).rejects.toThrow('the resolution failed');

    const committed = await seedTenantRow(owner);
    await resolvedBenign(committed);
    const deadline = Date.now() + 5_000;
    while (!(await jobOf(committed)) && Date.now() < deadline) await sleep(20);
    expect(await jobOf(committed)).toBeTruthy();
    expect(await jobOf(rolledBack)).toBeNull();
    expect(await backtests.tenantsWithPending(new Date(Date.now() + 60_000))).toContain(committed);
    await backtests.runPending(committed);
    expect(await backtests.tenantsWithPending(new Date(Date.now() + 60_000))).not.toContain(committed);
  });
});
