import { Field, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '@sieve/core';
import { FindingType } from './finding.type.js';

@ObjectType('DeadLetterFinding', { description: 'A finding triage gave up on (DEAD), with why.' })
export class DeadLetterFindingType extends FindingType {
  @Field(() => Int)
  triageAttempts: number;

  @Field(() => String, { nullable: true, description: 'The last triage failure.' })
  triageError: string | null;

  @Field()
  triageRequestedAt: Date;
}

export const DeadLetterFindingConnection = ConnectionType(DeadLetterFindingType, 'DeadLetterFinding');
