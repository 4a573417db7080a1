import { Webhook } from 'standardwebhooks';
import { generateWebhookSecret, webhookSecretKey } from './webhook-secret.js';
import { signWebhook } from './webhook-signature.js';

describe('webhook signatures (Standard Webhooks)', () => {
  const body = JSON.stringify({
    type: 'case.created',
    timestamp: '2026-01-01T00:00:00.000Z',
    data: { x: 1 },
  });

  it('generates whsec_ secrets of 32 random bytes', () => {
    const a = generateWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]+={0,2}$/);
    expect(webhookSecretKey(a)).toHaveLength(32);
    expect(generateWebhookSecret()).not.toBe(a);
  });

  it('is verified by the standardwebhooks reference library', () => {
    const secret = generateWebhookSecret();
    const headers = signWebhook([secret], 'msg_1', new Date(), body);
    expect(new Webhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));
  });

  it('fails verification with another secret or a changed body', () => {
    const headers = signWebhook([generateWebhookSecret()], 'msg_1', new Date(), body);
    expect(() => new Webhook(generateWebhookSecret()).verify(body, { ...headers })).toThrow();
    const secret = generateWebhookSecret();
    const signed = signWebhook([secret], 'msg_1', new Date(), body);
    expect(() => new Webhook(secret).verify(`${body} `, { ...signed })).toThrow();
  });

  it('signs with every given secret, so both sides of a rotation verify', () => {
    const [old, current] = [generateWebhookSecret(), generateWebhookSecret()];
    const headers = signWebhook([current, old], 'msg_2', new Date(), body);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(() => new Webhook(old).verify(body, { ...headers })).not.toThrow();
    expect(() => new Webhook(current).verify(body, { ...headers })).not.toThrow();
  });

  it('puts the send time in seconds in webhook-timestamp', () => {
    const headers = signWebhook(
      [generateWebhookSecret()],
      'msg_3',
      new Date('2026-03-01T12:00:00.900Z'),
      body,
    );
    expect(headers['webhook-timestamp']).toBe(String(Date.UTC(2026, 2, 1, 12) / 1000));
  });
});
