import { Module } from '@nestjs/common';
import { AwsModule } from './aws.module.js';
import { AwsAccountResolver } from './graphql/aws-account.resolver.js';

/** GraphQL operations for connecting AWS accounts. */
@Module({ imports: [AwsModule], providers: [AwsAccountResolver] })
export class AwsApiModule {}
