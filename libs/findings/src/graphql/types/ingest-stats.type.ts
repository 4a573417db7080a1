import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('IngestStats', {
  description: 'Ingestion and triage figures of one tenant over the half-open window [from, to).',
})
export class IngestStatsType {
  @Field(() => ID)
  tenantId: string;

  @Field()
  from: Date;

  @Field()
  to: Date;

  @Field(() => Int, { description: 'Findings first seen in the window (new findings).' })
  received: number;

  @Field(() => Int, {
    description: 'Findings last seen in the window: new, or a newer version arrived in it.',
  })
  seen: number;

  @Field(() => Int, {
    description:
      'Versions stored for the findings seen in the window (sum of their occurrences). Earlier versions of ' +
      'those findings count too: the arrival time of each version is not kept. Redeliveries never count.',
  })
  versions: number;

  @Field(() => Int, { description: 'Findings whose current verdict, SUPPRESSED, was reached in the window.' })
  suppressed: number;

  @Field(() => Int, { description: 'Findings whose current verdict, RAISED, was reached in the window.' })
  raised: number;

  @Field(() => Int, { description: 'Findings seen in the window still waiting for a verdict.' })
  pending: number;

  @Field(() => Int, { description: 'Findings seen in the window whose triage failed (ERROR or DEAD).' })
  errors: number;

  @Field(() => Float, { nullable: true, description: 'suppressed / raised; null when nothing was raised.' })
  noiseRatio: number | null;
}
