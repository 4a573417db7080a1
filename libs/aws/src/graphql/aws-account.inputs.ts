import { Field, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';

@InputType()
export class RegisterAwsAccountInput {
  @Field({ description: 'The 12-digit account id.' })
  @IsString()
  @Length(12, 12)
  accountId: string;

  @Field({ description: 'The RoleArn output of the Sieve stack.' })
  @IsString()
  @Length(20, 2048)
  roleArn: string;

  @Field(() => [String], { description: 'Regions where Security Hub findings are read, e.g. ["us-east-1"].' })
  @ArrayMinSize(1)
  @ArrayMaxSize(32)
  @IsString({ each: true })
  regions: string[];
}

@InputType()
export class StartAwsOnboardingInput {
  @Field({ nullable: true, defaultValue: 'us-east-1', description: 'Region the console link opens in.' })
  @IsOptional()
  @IsString()
  @Length(1, 32)
  region?: string;
}

@InputType()
export class RotateAwsExternalIdInput {
  @Field(() => Int, {
    defaultValue: 168,
    description: 'Hours the previous ExternalId keeps working (max 30 days).',
  })
  @IsInt()
  @Min(0)
  @Max(720)
  graceHours: number = 168;
}
