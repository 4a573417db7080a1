import { ArgsType, Field, ID } from '@nestjs/graphql';
import { ConnectionArgs } from '@sieve/core';
import { IsEnum, IsOptional, IsString } from 'class-validator';
import { WebhookDeliveryStatus } from '../types/enums.js';

@ArgsType()
export class WebhookDeliveriesArgs extends ConnectionArgs {
  @Field(() => ID)
  @IsString()
  endpointId: string;

  @Field(() => WebhookDeliveryStatus, { nullable: true })
  @IsOptional()
  @IsEnum(WebhookDeliveryStatus)
  status?: WebhookDeliveryStatus | null;
}
