import { Field, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsDate, IsEnum, IsOptional, Length } from 'class-validator';
import { ApiKeyScope } from '../types/enums.js';

@InputType()
export class CreateApiKeyInput {
  @Field()
  @Length(1, 100)
  name: string;

  @Field(() => [ApiKeyScope])
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @IsEnum(ApiKeyScope, { each: true })
  scopes: ApiKeyScope[];

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate()
  expiresAt?: Date | null;
}
