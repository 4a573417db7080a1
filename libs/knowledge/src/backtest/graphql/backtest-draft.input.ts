import { ArgsType, Field, InputType, Int } from '@nestjs/graphql';
import { GraphQLJSON } from '@sieve/core';
import { IsBoolean, IsDefined, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';

// Predicates and support are JSON in the pattern language, validated by its schema in the service.

@InputType({ description: 'A pattern to backtest before it is stored.' })
export class BacktestPatternDraftInput {
  @Field({ description: 'The finding type it applies to.' })
  @IsString()
  @Length(1, 256)
  findingType: string;

  @Field(() => GraphQLJSON, {
    description: 'Predicates, in the pattern language (see knownGoodPatternSchema).',
  })
  @IsDefined()
  predicates: unknown;

  @Field(() => Boolean, { nullable: true, description: 'Suppress CRITICAL findings too (default false).' })
  @IsOptional()
  @IsBoolean()
  allowCritical?: boolean | null;

  @Field(() => GraphQLJSON, { nullable: true, description: 'Support summary for the novelty vetoes.' })
  @IsOptional()
  support?: unknown;
}

@ArgsType()
export class BacktestWindowArgs {
  @Field(() => Int, {
    nullable: true,
    description: "Days replayed (default: the tenant's learning policy, 30).",
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  days?: number | null;

  @Field(() => Int, { nullable: true, description: 'Samples listed (default 10, at most 100).' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  samples?: number | null;
}
