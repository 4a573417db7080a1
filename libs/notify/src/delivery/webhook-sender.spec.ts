import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendWebhook } from './webhook-sender.js';

describe('sendWebhook', () => {
  let server: Server;
  let base: string;
  let handle: (req: IncomingMessage, res: ServerResponse, body: string) => void;
  const options = { timeoutMs: 1_000, allowInsecure: true };

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => handle(req, res, body));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('POSTs the body as JSON with the given headers; a 2xx is a success', async () => {
    let seen: { method?: string; headers?: IncomingMessage['headers']; body?: string } = {};
    handle = (req, res, body) => {
      seen = { method: req.method, headers: req.headers, body };
      res.writeHead(204).end();
    };
    await expect(sendWebhook(`${base}/hook`, { 'webhook-id': 'msg_1' }, '{"a":1}', options)).resolves.toEqual(
      {
        statusCode: 204,
        error: null,
      },
    );
    expect(seen).toMatchObject({
      method: 'POST',
      body: '{"a":1}',
      headers: { 'webhook-id': 'msg_1', 'content-type': 'application/json' },
    });
  });

  it("reports a failure's status and the start of its body", async () => {
    handle = (_req, res) => res.writeHead(503).end('x'.repeat(2_000));
    const result = await sendWebhook(`${base}/hook`, {}, '{}', options);
    expect(result.statusCode).toBe(503);
    expect(result.error).toMatch(/^HTTP 503: x+$/);
    expect(result.error!.length).toBeLessThan(600);
  });

  it('does not follow redirects', async () => {
    let hits = 0;
    handle = (req, res) => {
      hits++;
      res.writeHead(307, { location: `${base}/elsewhere` }).end();
    };
    await expect(sendWebhook(`${base}/hook`, {}, '{}', options)).resolves.toMatchObject({ statusCode: 307 });
    expect(hits).toBe(1);
  });

  it('gives up after the time limit', async () => {
    handle = () => undefined; // never answers
    await expect(sendWebhook(`${base}/slow`, {}, '{}', { ...options, timeoutMs: 200 })).resolves.toEqual({
      statusCode: null,
      error: 'timed out after 200 ms',
    });
  });

  it('refuses loopback and http without the insecure flag, by literal and by name', async () => {
    handle = (_req, res) => res.writeHead(200).end();
    const secure = { timeoutMs: 1_000, allowInsecure: false };
    await expect(sendWebhook(`${base}/hook`, {}, '{}', secure)).resolves.toMatchObject({
      error: expect.stringContaining('must use https'),
    });
    await expect(sendWebhook('https://127.0.0.1:1/hook', {}, '{}', secure)).resolves.toMatchObject({
      error: 'refused: 127.0.0.1 is not a public address',
    });
    await expect(sendWebhook('https://localhost:1/hook', {}, '{}', secure)).resolves.toMatchObject({
      error: expect.stringMatching(/^refused: localhost resolves to/),
    });
  });

  it('reports a connection error', async () => {
    const result = await sendWebhook('http://127.0.0.1:1/hook', {}, '{}', options);
    expect(result).toMatchObject({ statusCode: null, error: expect.stringContaining('ECONNREFUSED') });
  });
});
