/** Why one event, or one finding of an event, was not accepted. */
export interface Refusal {
  /** Position of the event in the request (0 for a single event). */
  event: number;
  /** Position of the finding within the event, when one finding was refused and not the whole event. */
  finding?: number;
  findingId?: string;
  reason: string;
}

/** The 202 answer of a push: what is now stored for good, and what was refused with why. */
export interface IngestResult {
  accepted: number;
  refused: number;
  inserted: number;
  updated: number;
  unchanged: number;
  refusals: Refusal[];
}
