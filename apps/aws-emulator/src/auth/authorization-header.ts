export interface CredentialScope {
  accessKeyId: string;
  /** `YYYYMMDD` */
  date: string;
  region: string;
  service: string;
}

export interface ParsedAuthorization {
  scope: CredentialScope;
  signedHeaders: string[];
  signature: string;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';

/**
 * Parses `AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/sts/aws4_request, SignedHeaders=a;b,
 * Signature=hex`. Returns a reason instead of throwing so the caller can answer IncompleteSignature.
 */
export function parseAuthorizationHeader(header: string): ParsedAuthorization | { problem: string } {
  if (!header.startsWith(`${ALGORITHM} `)) {
    return { problem: `Authorization header must use the ${ALGORITHM} algorithm.` };
  }
  const parts = new Map<string, string>();
  for (const part of header.slice(ALGORITHM.length + 1).split(',')) {
    const separator = part.indexOf('=');
    if (separator > 0) parts.set(part.slice(0, separator).trim(), part.slice(separator + 1).trim());
  }
  const credential = parts.get('Credential');
  const signedHeaders = parts.get('SignedHeaders');
  const signature = parts.get('Signature');
  if (credential === undefined || signedHeaders === undefined || signature === undefined) {
    return {
      problem: "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters.",
    };
  }
  const [accessKeyId, date, region, service, terminator, ...rest] = credential.split('/');
  if (!accessKeyId || !date || !region || !service || terminator !== 'aws4_request' || rest.length > 0) {
    return {
      problem: `Credential should be of the form <key>/<date>/<region>/<service>/aws4_request, got '${credential}'.`,
    };
  }
  return {
    scope: { accessKeyId, date, region, service },
    signedHeaders: signedHeaders.split(';').filter((name) => name.length > 0),
    signature,
  };
}
