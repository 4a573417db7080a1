/** The notification domain's entities (filled in as the domain grows). */
export const NOTIFY_ENTITIES: (new () => object)[] = [];
