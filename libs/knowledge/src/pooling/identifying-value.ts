/**
 * Shapes that identify a tenant wherever they turn up: an organisation name holding an email, a user agent
 * quoting an ARN, an API action prefix with an account id. A value of this shape is never pooled, even
 * under a poolable feature. The shapes of `poolableFeatures` in triage, plus the other AWS resource ids.
 */
const IDENTIFIER_SHAPES: readonly RegExp[] = [
  /\barn:aws[a-z-]*:/i, // ARN
  /(?<!\d)\d{12}(?!\d)/, // account id
  /\b(?:AKIA|ASIA|AROA|AIDA|AGPA|ANPA|ANVA|AIPA)[A-Z0-9]{12,}\b/, // access keys and IAM unique ids
  /[^@\s]+@[^@\s]+\.[^@\s]+/, // email
  /\b(?:\d{1,3}\.){3}\d{1,3}\b/, // IPv4
  /\b[0-9a-f]{1,4}(?::[0-9a-f]{0,4}){2,7}\b/i, // IPv6
  // Instance, volume, snapshot, image, network and security-group ids.
  /\b(?:i|vol|snap|ami|eni|sg|subnet|vpc|igw|nat|rtb|acl|vpce|tgw)-[0-9a-f]{8,17}\b/,
];

/** Whether the value (text, or a number written out) has the shape of a tenant identifier. */
export function isIdentifying(value: string | number | boolean): boolean {
  if (typeof value === 'boolean') return false;
  const text = String(value);
  return IDENTIFIER_SHAPES.some((shape) => shape.test(text));
}
