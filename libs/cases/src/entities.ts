/** The case domain's entities (filled in as the domain grows). */
export const CASES_ENTITIES: (new () => object)[] = [];
