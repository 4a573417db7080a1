import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '@sieve/core';
import { PlatformRole, TenantRole } from './enums.js';

@ObjectType('User')
export class UserType {
  @Field(() => ID)
  id: string;

  @Field()
  email: string;

  @Field()
  displayName: string;

  @Field(() => PlatformRole, { nullable: true })
  platformRole: PlatformRole | null;
}

@ObjectType('Membership')
export class MembershipType {
  @Field(() => UserType)
  user: UserType;

  @Field(() => TenantRole)
  role: TenantRole;

  @Field()
  createdAt: Date;
}

export const MembershipConnection = ConnectionType(MembershipType, 'Membership');

@ObjectType('Analyst', { description: 'An MSSP analyst and the tenants they work on.' })
export class AnalystType {
  @Field(() => UserType)
  user: UserType;

  @Field(() => [ID])
  tenantIds: string[];
}
