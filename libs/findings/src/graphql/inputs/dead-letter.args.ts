import { ArgsType, Field, ID } from '@nestjs/graphql';
import { ConnectionArgs } from '@sieve/core';
import { ArrayMaxSize, ArrayMinSize, IsOptional, IsUUID } from 'class-validator';

@ArgsType()
export class DeadLetterFindingsArgs extends ConnectionArgs {
  @Field(() => ID)
  @IsUUID()
  tenantId: string;
}

@ArgsType()
export class ReplayDeadLettersArgs {
  @Field(() => ID)
  @IsUUID()
  tenantId: string;

  @Field(() => [ID], {
    nullable: true,
    description: 'The dead findings to replay (up to 1,000); omitted: every dead finding of the tenant.',
  })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  findingIds?: string[] | null;
}
