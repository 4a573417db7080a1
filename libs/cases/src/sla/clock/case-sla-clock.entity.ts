import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Tenant, User } from '@sieve/tenancy';
import { Case } from '../../model/case.entity.js';
import type { SeverityLabel } from '../../model/severity.js';
import type { SlaClockKind } from './sla-clock-kind.js';

const bigintAsNumber = {
  to: (value: number | null) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/**
 * One SLA clock of a case (ack, or one resolve cycle), as last evaluated from the timeline. Written in the
 * transaction of every SLA-relevant case change; once a clock has stopped, its row keeps the outcome it
 * had then (later severity or policy changes do not rewrite it). The SLA report aggregates these rows.
 */
@Entity({ name: 'case_sla_clocks' })
@Check('case_sla_clocks_clock_check', `clock IN ('ACK', 'RESOLVE')`)
@Check('case_sla_clocks_cycle_check', 'cycle >= 0')
@Check('case_sla_clocks_budget_minutes_check', 'budget_minutes > 0')
export class CaseSlaClock {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @PrimaryColumn({ type: 'text' })
  clock: SlaClockKind;

  /** 0 for ack and the first resolve clock; n for the resolve clock after the n-th reopen. */
  @PrimaryColumn({ type: 'integer' })
  cycle: number;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  /** The case's severity the budget was taken from. */
  @Column({ name: 'severity_label', type: 'text' })
  severityLabel: SeverityLabel;

  @Column({ name: 'budget_minutes', type: 'integer' })
  budgetMinutes: number;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'warning_at', type: 'timestamptz', nullable: true })
  warningAt: Date | null;

  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt: Date | null;

  @Column({ name: 'stopped_at', type: 'timestamptz', nullable: true })
  stoppedAt: Date | null;

  /** SLA time used (calendar time, pauses excluded), in milliseconds; set once the clock stopped. */
  @Column({ name: 'elapsed_ms', type: 'bigint', nullable: true, transformer: bigintAsNumber })
  elapsedMs: number | null;

  /** The case's assignee when the clock stopped: the analyst the report credits. */
  @Column({ name: 'assignee_id', type: 'uuid', nullable: true })
  assigneeId: string | null;

  /** Null while the clock may still make it; false from its deadline on; true once stopped in time. */
  @Column({ type: 'boolean', nullable: true })
  met: boolean | null;

  @Column({ name: 'warned_at', type: 'timestamptz', nullable: true })
  warnedAt: Date | null;

  @Column({ name: 'breach_raised_at', type: 'timestamptz', nullable: true })
  breachRaisedAt: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @ManyToOne(() => Case, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'case_sla_clocks_case_id_fkey' })
  case?: Relation<Case>;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'case_sla_clocks_tenant_id_fkey' })
  tenant?: Relation<Tenant>;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'assignee_id', foreignKeyConstraintName: 'case_sla_clocks_assignee_id_fkey' })
  assignee?: Relation<User>;
}
