import { createHmac } from 'node:crypto';
import { webhookSecretKey } from './webhook-secret.js';

export interface SignedHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/**
 * The Standard Webhooks headers of one message: `v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">`
 * keyed by each secret's decoded bytes, space-separated when several secrets sign (during a rotation the
 * receiver may still hold the old one).
 */
export function signWebhook(
  secrets: readonly string[],
  messageId: string,
  sentAt: Date,
  body: string,
): SignedHeaders {
  const timestamp = String(Math.floor(sentAt.getTime() / 1000));
  const signed = `${messageId}.${timestamp}.${body}`;
  const signatures = secrets.map(
    (secret) => `v1,${createHmac('sha256', webhookSecretKey(secret)).update(signed).digest('base64')}`,
  );
  return {
    'webhook-id': messageId,
    'webhook-timestamp': timestamp,
    'webhook-signature': signatures.join(' '),
  };
}
