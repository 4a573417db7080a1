/**
 * Size limits applied to every finding, whatever path it came through.
 *
 * Identity fields use the ASFF limits (AwsSecurityFinding in the Security Hub API reference): a longer Id is not
 * a finding Security Hub could have produced. Title and Description are deliberately looser than ASFF (256 and
 * 1024) so that a provider slightly over the spec is still ingested, yet bounded so that a hostile push cannot
 * bloat storage; past the cap the finding is refused rather than truncated, because silently cutting the text
 * would change the evidence an analyst reads.
 */
export const FINDING_LIMITS = {
  id: 512,
  productArn: 2048,
  generatorId: 512,
  title: 1024,
  description: 4096,
  /** ASFF: Types holds at most 50 items. */
  types: 50,
  /** ASFF: Resources holds at most 32 items. */
  resources: 32,
  /** BatchImportFindings takes at most 100 findings per call: an event carrying more did not come from Security Hub. */
  findingsPerEvent: 100,
} as const;
