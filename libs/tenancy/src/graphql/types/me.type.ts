import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ApiKeyScope, TenantRole } from './enums.js';
import { TenantType } from './tenant.type.js';
import { UserType } from './user.type.js';

@ObjectType('Me', { description: 'The authenticated principal: a person (JWT) or an integration (API key).' })
export class MeType {
  @Field({ description: '"user" or "api-key".' })
  kind: string;

  @Field(() => UserType, { nullable: true })
  user: UserType | null;

  @Field(() => TenantType, { nullable: true, description: 'The tenant these credentials act in.' })
  tenant: TenantType | null;

  @Field(() => TenantRole, { nullable: true })
  tenantRole: TenantRole | null;

  @Field(() => [ApiKeyScope], { nullable: true })
  scopes: ApiKeyScope[] | null;

  @Field(() => [ID], { description: 'Tenants an MSSP analyst is assigned to.' })
  assignedTenantIds: string[];
}
