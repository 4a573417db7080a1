import { createHash, randomBytes, randomUUID } from 'node:crypto';

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function toKeyCharacters(bytes: Buffer, length: number): string {
  let text = '';
  for (let index = 0; index < length; index++) text += KEY_ALPHABET[bytes[index] % KEY_ALPHABET.length];
  return text;
}

/** A fresh temporary access key id: `ASIA` + 16 characters, like STS issues. */
export function newTemporaryAccessKeyId(): string {
  return `ASIA${toKeyCharacters(randomBytes(16), 16)}`;
}

export function newSecretAccessKey(): string {
  return randomBytes(30).toString('base64');
}

/** Real session tokens are several hundred opaque base64 characters; clients must not parse them. */
export function newSessionToken(): string {
  return `IQoJb3JpZ2luX2Vj${randomBytes(264).toString('base64')}`;
}

export function newRequestId(): string {
  return randomUUID();
}

/**
 * IAM unique ids (`AIDA…` for users, `AROA…` for roles) derived from the ARN, so they stay the same
 * across emulator restarts and tests can assert on them.
 */
export function stableUniqueId(prefix: 'AIDA' | 'AROA', arn: string): string {
  return `${prefix}${toKeyCharacters(createHash('sha256').update(arn).digest(), 17)}`;
}
