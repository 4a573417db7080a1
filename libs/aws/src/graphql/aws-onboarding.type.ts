import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('CloudFormationParameter')
export class CloudFormationParameterType {
  @Field()
  key: string;

  @Field()
  value: string;
}

@ObjectType('AwsOnboarding', {
  description: 'What a customer needs to deploy the Sieve role in an AWS account.',
})
export class AwsOnboardingType {
  @Field({ description: "This tenant's ExternalId; the role trusts Sieve only with it." })
  externalId: string;

  @Field(() => Date, {
    nullable: true,
    description: 'When the previous ExternalId stops working, after a rotation.',
  })
  previousExternalIdRetiresAt: Date | null;

  @Field()
  platformPrincipalArn: string;

  @Field()
  stackName: string;

  @Field({ description: 'The CloudFormation template (YAML).' })
  templateBody: string;

  @Field()
  templateUrl: string;

  @Field(() => [CloudFormationParameterType])
  parameters: CloudFormationParameterType[];

  @Field({
    description: "Opens the CloudFormation console's quick-create page with the parameters filled in.",
  })
  quickCreateUrl: string;
}
