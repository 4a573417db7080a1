import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('PoolingCycleReport', { description: 'What one pooling cycle did: counts only.' })
export class PoolingCycleReportType {
  @Field()
  startedAt: Date;

  @Field()
  finishedAt: Date;

  @Field(() => Int, { description: 'k: distinct contributing tenants a shape needs.' })
  threshold: number;

  @Field(() => Int, { description: 'Tenants that opted in to contributing.' })
  contributingTenants: number;

  @Field(() => Int, { description: 'Distinct anonymised shapes of their active patterns.' })
  shapes: number;

  @Field(() => Int, { description: 'Shapes confirmed by at least k tenants.' })
  confirmedShapes: number;

  @Field(() => Int, { description: 'Global patterns created.' })
  promoted: number;

  @Field(() => Int, { description: 'Global patterns retired because a true positive contradicted them.' })
  contradicted: number;

  @Field(() => Int, { description: 'Confirmed shapes blocked before promotion by a true positive.' })
  blocked: number;

  @Field(() => Int, { description: 'Global patterns retired because fewer than k tenants confirm them.' })
  withdrawn: number;

  @Field(() => Int, { description: 'Global patterns whose pooled support or confidence changed.' })
  updated: number;

  @Field(() => Int)
  activeGlobalPatterns: number;

  @Field(() => Int, { description: 'The global pattern-set version after the cycle.' })
  globalVersion: number;
}

@ObjectType('PoolingStatus', { description: 'The pooling job: its settings and its last cycle.' })
export class PoolingStatusType {
  @Field(() => Int)
  threshold: number;

  @Field(() => Int)
  everySeconds: number;

  @Field(() => Int)
  cycles: number;

  @Field(() => Date, { nullable: true })
  lastCycleAt: Date | null;

  @Field(() => PoolingCycleReportType, { nullable: true })
  lastCycle: PoolingCycleReportType | null;
}
