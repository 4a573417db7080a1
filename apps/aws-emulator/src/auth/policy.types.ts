/** The subset of the IAM policy grammar that role trust policies use. */
export type StringOrList = string | string[];

export interface PolicyPrincipal {
  AWS?: StringOrList;
  Service?: StringOrList;
  Federated?: StringOrList;
}

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal?: '*' | PolicyPrincipal;
  Action: StringOrList;
  /** Operator → condition key → accepted values, e.g. `{ StringEquals: { 'sts:ExternalId': '…' } }`. */
  Condition?: Record<string, Record<string, StringOrList>>;
}

export interface PolicyDocument {
  Version?: string;
  Statement: PolicyStatement | PolicyStatement[];
}

export function asList<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
