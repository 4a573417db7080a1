import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ContractTier } from '@sieve/tenancy';
import { CalendarMode, CaseSeverity, Weekday } from './sla-enums.js';

@ObjectType('WorkingHours', {
  description: 'A span of working time on a weekday, local time (HH:mm; end may be 24:00).',
})
export class WorkingHoursType {
  @Field(() => Weekday)
  day: Weekday;

  @Field()
  start: string;

  @Field()
  end: string;
}

@ObjectType('SlaCalendar')
export class SlaCalendarType {
  @Field(() => CalendarMode)
  mode: CalendarMode;

  @Field(() => [WorkingHoursType], { description: 'Used in BUSINESS_HOURS mode (kept in ALWAYS mode).' })
  weeklyHours: WorkingHoursType[];

  @Field(() => [String], { description: 'Local dates (yyyy-MM-dd) on which no SLA time counts.' })
  holidays: string[];

  @Field({ description: "True when the contract tier's default applies (the tenant set none)." })
  isDefault: boolean;
}

@ObjectType('SlaTarget', { description: 'Targets for one severity, in minutes of the SLA calendar.' })
export class SlaTargetType {
  @Field(() => CaseSeverity)
  severity: CaseSeverity;

  @Field(() => Int)
  ackMinutes: number;

  @Field(() => Int)
  resolveMinutes: number;

  @Field({ description: "True when the contract tier's default applies (no override)." })
  isDefault: boolean;
}

@ObjectType('SlaPolicy', {
  description:
    "The SLA that applies to a tenant's cases: its overrides, else its contract tier's defaults. Changes apply " +
    'to open cases within seconds; clocks that already stopped keep their outcome.',
})
export class SlaPolicyType {
  @Field(() => ID)
  tenantId: string;

  @Field(() => ContractTier)
  contractTier: ContractTier;

  @Field({ description: "The tenant's IANA time zone, in which business hours and holidays are read." })
  timeZone: string;

  @Field(() => [SlaTargetType], { description: 'One per severity, most severe first.' })
  targets: SlaTargetType[];

  @Field(() => SlaCalendarType)
  calendar: SlaCalendarType;
}
