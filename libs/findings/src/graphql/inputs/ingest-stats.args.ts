import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsDate, IsOptional, IsUUID } from 'class-validator';

@ArgsType()
export class IngestStatsArgs {
  @Field(() => Date, { description: 'Start of the window, included.' })
  @IsDate()
  from: Date;

  @Field(() => Date, { description: 'End of the window, excluded.' })
  @IsDate()
  to: Date;

  @Field(() => ID, {
    nullable: true,
    description:
      "Platform admins: any tenant. Others: only their own (the credentials' tenant is the default).",
  })
  @IsOptional()
  @IsUUID()
  tenantId?: string | null;
}
