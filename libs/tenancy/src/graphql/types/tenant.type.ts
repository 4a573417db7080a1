import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '@sieve/core';
import { ContractTier } from './enums.js';

@ObjectType('Tenant')
export class TenantType {
  @Field(() => ID)
  id: string;

  @Field()
  slug: string;

  @Field()
  name: string;

  @Field({ description: 'IANA time zone, used for business-hours SLAs.' })
  timeZone: string;

  @Field(() => ContractTier)
  contractTier: ContractTier;

  @Field({ description: 'Shares anonymised known-good patterns with the pool.' })
  poolContribute: boolean;

  @Field({ description: 'Benefits from patterns pooled from other tenants.' })
  poolConsume: boolean;

  @Field({ description: 'Verdicts are written back to Security Hub.' })
  writebackEnabled: boolean;

  @Field()
  createdAt: Date;
}

export const TenantConnection = ConnectionType(TenantType, 'Tenant');
