import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { MAX_TARGET_MINUTES } from '../policy/sla-target.js';
import { CalendarMode, CaseSeverity, Weekday } from './sla-enums.js';

const TENANT_ID_DESCRIPTION =
  "Platform admins: any tenant. Others: only their own (the credentials' tenant is the default).";

@InputType()
export class SetSlaPolicyInput {
  @Field(() => ID, { nullable: true, description: TENANT_ID_DESCRIPTION })
  @IsOptional()
  @IsString()
  tenantId?: string | null;

  @Field(() => CaseSeverity)
  @IsEnum(CaseSeverity)
  severity: CaseSeverity;

  @Field(() => Int, { description: 'Time to acknowledge, in minutes of the SLA calendar.' })
  @IsInt()
  @Min(1)
  @Max(MAX_TARGET_MINUTES)
  ackMinutes: number;

  @Field(() => Int, { description: 'Time to resolve, in minutes of the SLA calendar; not below ackMinutes.' })
  @IsInt()
  @Min(1)
  @Max(MAX_TARGET_MINUTES)
  resolveMinutes: number;
}

@InputType()
export class WorkingHoursInput {
  @Field(() => Weekday)
  @IsEnum(Weekday)
  day: Weekday;

  @Field({ description: 'HH:mm, local time.' })
  @Matches(/^\d{2}:\d{2}$/, { message: 'start must be HH:mm' })
  start: string;

  @Field({ description: 'HH:mm, local time; 24:00 for the end of the day.' })
  @Matches(/^\d{2}:\d{2}$/, { message: 'end must be HH:mm' })
  end: string;
}

@InputType()
export class SetSlaCalendarInput {
  @Field(() => ID, { nullable: true, description: TENANT_ID_DESCRIPTION })
  @IsOptional()
  @IsString()
  tenantId?: string | null;

  @Field(() => CalendarMode)
  @IsEnum(CalendarMode)
  mode: CalendarMode;

  @Field(() => [WorkingHoursInput], {
    description:
      'Weekly working spans. A night shift across midnight is two spans (22:00-24:00, 00:00-06:00).',
  })
  @ValidateNested({ each: true })
  @Type(() => WorkingHoursInput)
  @ArrayMaxSize(70)
  weeklyHours: WorkingHoursInput[];

  @Field(() => [String], { defaultValue: [], description: 'Local dates (yyyy-MM-dd).' })
  @ArrayMaxSize(1000)
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { each: true, message: 'holidays are yyyy-MM-dd dates' })
  holidays: string[];
}
