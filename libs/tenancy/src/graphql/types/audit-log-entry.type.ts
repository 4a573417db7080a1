import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ConnectionType, GraphQLJSON } from '@sieve/core';

@ObjectType('AuditLogEntry')
export class AuditLogEntryType {
  @Field(() => ID)
  id: string;

  @Field(() => ID, { nullable: true })
  tenantId: string | null;

  @Field()
  actorType: string;

  @Field(() => String, { nullable: true })
  actorId: string | null;

  @Field()
  action: string;

  @Field(() => String, { nullable: true })
  targetType: string | null;

  @Field(() => String, { nullable: true })
  targetId: string | null;

  @Field(() => String, { nullable: true })
  requestId: string | null;

  @Field(() => GraphQLJSON)
  details: Record<string, unknown>;

  @Field()
  createdAt: Date;
}

export const AuditLogEntryConnection = ConnectionType(AuditLogEntryType, 'AuditLogEntry');
