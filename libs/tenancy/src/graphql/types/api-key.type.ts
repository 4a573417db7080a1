import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '@sieve/core';
import { ApiKeyScope } from './enums.js';

@ObjectType('ApiKey', {
  description: 'An integration credential. The secret is never readable after creation.',
})
export class ApiKeyType {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field({ description: 'Public part of the key, to recognise it in logs and lists.' })
  prefix: string;

  @Field(() => [ApiKeyScope])
  scopes: ApiKeyScope[];

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  expiresAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'Updated within a minute of use.' })
  lastUsedAt: Date | null;

  @Field(() => Date, { nullable: true })
  revokedAt: Date | null;
}

@ObjectType('CreatedApiKey')
export class CreatedApiKeyType {
  @Field(() => ApiKeyType)
  apiKey: ApiKeyType;

  @Field({ description: 'The full key. Shown once: store it now, it cannot be read again.' })
  secret: string;
}

export const ApiKeyConnection = ConnectionType(ApiKeyType, 'ApiKey');
