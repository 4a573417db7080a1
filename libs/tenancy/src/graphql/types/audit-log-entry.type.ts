import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '@sieve/core';
import { GraphQLJSONObject } from './json-object.scalar.js';

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

  @Field(() => GraphQLJSONObject)
  details: Record<string, unknown>;

  @Field()
  createdAt: Date;
}

export const AuditLogEntryConnection = ConnectionType(AuditLogEntryType, 'AuditLogEntry');
