import type { Principal } from '../state/identity.types.js';
import type { Emulator } from '../emulator.js';

export type WireProtocol = 'query' | 'rest-json' | 'json-1.1';

/**
 * Failures every service can answer but names differently (STS says `SignatureDoesNotMatch`,
 * Security Hub says `InvalidSignatureException`). Each service maps them to its real code and status.
 */
export type CommonFailure =
  | 'missingAuth'
  | 'incompleteSignature'
  | 'badSignature'
  | 'unknownKey'
  | 'expiredToken'
  | 'accessDenied'
  | 'throttled'
  | 'internal'
  | 'unavailable';

export interface ErrorCode {
  code: string;
  status: number;
}

export interface ServiceDefinition {
  /** The service name in the SigV4 credential scope, e.g. `securityhub`. */
  signingName: string;
  protocol: WireProtocol;
  /** Namespace of Query-protocol XML replies. */
  xmlNamespace?: string;
  errors: Record<CommonFailure, ErrorCode>;
}

export interface CallContext<Input> {
  requestId: string;
  principal: Principal;
  /** Caller's account: the account that owns the calling user or the assumed role. */
  accountId: string;
  /** Region of the SigV4 credential scope: where findings and events are read and written. */
  region: string;
  input: Input;
  emulator: Emulator;
}

export interface OperationDefinition {
  service: ServiceDefinition;
  name: string;
  /**
   * IAM action checked against the caller's permissions before the handler runs, e.g.
   * `securityhub:GetFindings`. Absent when the handler decides itself (AssumeRole names the role in
   * its denial) or when AWS requires no permission (GetCallerIdentity).
   */
  iamAction?: string;
  /** Input is parsed by the protocol (form fields for Query, JSON for the others) and checked by the handler. */
  handle(context: CallContext<unknown>): unknown;
}
