import { checkWebhookUrl } from './webhook-url.js';

describe('checkWebhookUrl', () => {
  it('accepts https to a public address, normalised', async () => {
    await expect(checkWebhookUrl(' https://93.184.216.34/hooks?x=1 ', false)).resolves.toBe(
      'https://93.184.216.34/hooks?x=1',
    );
  });

  it.each([
    ['not a url', 'not a valid absolute URL'],
    ['http://93.184.216.34/', 'must use https'],
    ['ftp://93.184.216.34/', 'must use https'],
    ['https://user:pw@93.184.216.34/', 'must not contain credentials'],
    ['https://127.0.0.1/', 'loopback'],
    ['https://10.0.0.8/', 'private'],
    ['https://169.254.169.254/latest/meta-data/', 'link-local'],
    ['https://[::1]/', 'loopback'],
    ['https://[fd00:ec2::254]/', 'private'],
    ['https://[::ffff:127.0.0.1]/', 'private'],
    ['https://localhost:8443/', 'resolves to'],
  ])('refuses %s', async (url, message) => {
    await expect(checkWebhookUrl(url, false)).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringContaining(message),
    });
  });

  it('allows http and loopback, but still no private ranges, with insecure targets allowed', async () => {
    await expect(checkWebhookUrl('http://127.0.0.1:9999/hook', true)).resolves.toBe(
      'http://127.0.0.1:9999/hook',
    );
    await expect(checkWebhookUrl('http://localhost:9999/hook', true)).resolves.toBe(
      'http://localhost:9999/hook',
    );
    await expect(checkWebhookUrl('http://192.168.0.10/hook', true)).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
  });

  it('refuses a host that does not resolve', async () => {
    await expect(checkWebhookUrl('https://no-such-host.invalid/', false)).rejects.toMatchObject({
      message: expect.stringContaining('does not resolve'),
    });
  });
});
