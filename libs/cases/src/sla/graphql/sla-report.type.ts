import { ArgsType, Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { IsDate, IsOptional, IsString } from 'class-validator';
import { CaseSeverity } from './sla-enums.js';

@ArgsType()
export class SlaReportArgs {
  @Field(() => Date, { description: 'Cases created from this instant (included).' })
  @IsDate()
  from: Date;

  @Field(() => Date, {
    description: 'Cases created before this instant (excluded); at most 366 days after `from`.',
  })
  @IsDate()
  to: Date;

  @Field(() => ID, {
    nullable: true,
    description: 'One tenant only (platform admins: any; analysts: an assigned one; others: their own).',
  })
  @IsOptional()
  @IsString()
  tenantId?: string | null;
}

@ObjectType('SlaFigures', {
  description:
    'MTTA/MTTR in minutes, two ways: wall-clock (start to stop, pauses included) and SLA minutes (the time the ' +
    "SLA counts: the tenant's calendar, business hours where it has them, PENDING_CUSTOMER excluded). " +
    'Compliance = met / (met + breached) in percent over decided clocks (stopped, or past their deadline).',
})
export class SlaFiguresType {
  @Field(() => Int)
  cases: number;

  @Field(() => Int, { description: 'Ack clocks stopped (cases acknowledged).' })
  acknowledged: number;

  @Field(() => Int, { description: 'Resolve clocks stopped (a reopened case counts each resolution).' })
  resolved: number;

  @Field(() => Float, { nullable: true, description: 'Mean time to acknowledge, wall-clock minutes.' })
  mttaMinutes: number | null;

  @Field(() => Float, { nullable: true, description: 'Mean time to acknowledge, SLA minutes.' })
  mttaSlaMinutes: number | null;

  @Field(() => Float, { nullable: true, description: 'Mean time to resolve, wall-clock minutes.' })
  mttrMinutes: number | null;

  @Field(() => Float, { nullable: true, description: 'Mean time to resolve, SLA minutes.' })
  mttrSlaMinutes: number | null;

  @Field(() => Int)
  ackMet: number;

  @Field(() => Int)
  ackBreached: number;

  @Field(() => Float, { nullable: true })
  ackCompliancePercent: number | null;

  @Field(() => Int)
  resolveMet: number;

  @Field(() => Int)
  resolveBreached: number;

  @Field(() => Float, { nullable: true })
  resolveCompliancePercent: number | null;
}

@ObjectType('SlaTenantFigures')
export class SlaTenantFiguresType {
  @Field(() => ID)
  tenantId: string;

  @Field()
  tenantSlug: string;

  @Field(() => SlaFiguresType)
  figures: SlaFiguresType;
}

@ObjectType('SlaSeverityFigures')
export class SlaSeverityFiguresType {
  @Field(() => CaseSeverity, { description: "The case's severity." })
  severity: CaseSeverity;

  @Field(() => SlaFiguresType)
  figures: SlaFiguresType;
}

@ObjectType('SlaAnalystFigures', {
  description:
    "Clocks credited to the case's assignee when they stopped (for resolve: the assignee at resolve).",
})
export class SlaAnalystFiguresType {
  @Field(() => ID)
  analystId: string;

  @Field()
  displayName: string;

  @Field()
  email: string;

  @Field(() => SlaFiguresType)
  figures: SlaFiguresType;
}

@ObjectType('SlaReport', { description: 'SLA figures over the cases created in [from, to).' })
export class SlaReportType {
  @Field()
  from: Date;

  @Field()
  to: Date;

  @Field(() => SlaFiguresType)
  total: SlaFiguresType;

  @Field(() => [SlaTenantFiguresType])
  byTenant: SlaTenantFiguresType[];

  @Field(() => [SlaSeverityFiguresType], {
    description: 'Most severe first; severities without cases are left out.',
  })
  bySeverity: SlaSeverityFiguresType[];

  @Field(() => [SlaAnalystFiguresType])
  byAnalyst: SlaAnalystFiguresType[];
}
