import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('CasePerson', { description: 'A person working on or following a case.' })
export class CasePersonType {
  @Field(() => ID)
  id: string;

  @Field()
  displayName: string;

  @Field()
  email: string;
}
