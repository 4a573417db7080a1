import { Field, ID, InputType, Int } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  IsBoolean,
  IsDate,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { CaseSeverity, ObservableType } from '../types/case-enums.js';

@InputType()
export class CreateCaseInput {
  @Field(() => ID, {
    nullable: true,
    description: 'MSSP analysts: the assigned tenant to open it in. Others: their own.',
  })
  @IsOptional()
  @IsString()
  tenantId?: string | null;

  @Field()
  @IsString()
  @Length(1, 300)
  title: string;

  @Field(() => String, { nullable: true, description: 'Markdown.' })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  description?: string | null;

  @Field(() => CaseSeverity, { nullable: true, description: 'Defaults to the worst of findingIds.' })
  @IsOptional()
  @IsEnum(CaseSeverity)
  severity?: CaseSeverity | null;

  @Field(() => Int, { nullable: true, description: "1 to 5; defaults to the severity's." })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  priority?: number | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  tags?: string[] | null;

  @Field(() => [ID], {
    nullable: true,
    description: 'Findings to attach (they leave any open case they are in).',
  })
  @IsOptional()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  findingIds?: string[] | null;
}

@InputType()
export class UpdateCaseInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  title?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  description?: string | null;

  @Field(() => CaseSeverity, {
    nullable: true,
    description: 'Sets the priority too unless priority is given.',
  })
  @IsOptional()
  @IsEnum(CaseSeverity)
  severity?: CaseSeverity | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  priority?: number | null;

  @Field(() => [String], { nullable: true, description: 'The whole new set of tags.' })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  tags?: string[] | null;
}

@InputType()
export class AddObservableInput {
  @Field(() => ObservableType)
  @IsEnum(ObservableType)
  type: ObservableType;

  @Field()
  @IsString()
  @Length(1, 2048)
  value: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

@InputType()
export class AddCaseTaskInput {
  @Field()
  @IsString()
  @Length(1, 300)
  title: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  assigneeId?: string | null;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate()
  dueAt?: Date | null;
}

@InputType({ description: 'Fields to change; null clears the assignee or the due time.' })
export class UpdateCaseTaskInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  title?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  assigneeId?: string | null;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate()
  dueAt?: Date | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  done?: boolean;
}
