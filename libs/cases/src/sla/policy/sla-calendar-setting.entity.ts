import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Tenant } from '@sieve/tenancy';
import type { WorkingHours } from '../calendar/working-hours.js';
import type { CalendarMode } from './calendar-mode.js';

/**
 * A tenant's SLA calendar, replacing its tier's default. The time zone is the tenant's own
 * (`tenants.time_zone`), so reports and deadlines agree on what "Monday 09:00" is.
 */
@Entity({ name: 'sla_calendars' })
@Check('sla_calendars_mode_check', `mode IN ('ALWAYS', 'BUSINESS_HOURS')`)
@Check('sla_calendars_holidays_check', 'cardinality(holidays) <= 1000')
export class SlaCalendarSetting {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ type: 'text' })
  mode: CalendarMode;

  /** Kept in ALWAYS mode too, so switching back to business hours does not lose them. */
  @Column({ name: 'weekly_hours', type: 'jsonb' })
  weeklyHours: WorkingHours[];

  /** Local dates (yyyy-MM-dd), validated by the service. */
  @Column({ type: 'text', array: true })
  holidays: string[];

  @Column({ name: 'updated_by', type: 'text' })
  updatedBy: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'sla_calendars_tenant_id_fkey' })
  tenant?: Relation<Tenant>;
}
