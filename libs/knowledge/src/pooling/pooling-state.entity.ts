import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import type { PoolingCycleReport } from './pooling-cycle-report.js';

/** The pooling job's one row: how many cycles ran, and what the last one did (counts only). */
@Entity({ name: 'pooling_state' })
@Check('pooling_state_singleton_check', 'singleton')
export class PoolingState {
  @PrimaryColumn({ type: 'boolean', default: true })
  singleton: boolean;

  @Column({ type: 'integer', default: 0 })
  cycles: number;

  @Column({ name: 'last_cycle_at', type: 'timestamptz', nullable: true })
  lastCycleAt: Date | null;

  @Column({ name: 'last_report', type: 'jsonb', nullable: true })
  lastReport: PoolingCycleReport | null;
}
