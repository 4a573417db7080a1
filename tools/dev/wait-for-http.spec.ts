import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { findFreePort } from '../services/free-port.js';
import { waitForHttpOk } from './wait-for-http.js';

describe('waitForHttpOk', () => {
  let server: Server | undefined;

  afterEach(async () => {
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    server = undefined;
  });

  it('keeps polling through 503s until the endpoint answers 200', async () => {
    let calls = 0;
    server = createServer((_req, res) => {
      calls++;
      res.writeHead(calls < 3 ? 503 : 200).end();
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await waitForHttpOk(`http://127.0.0.1:${port}/health/ready`, { intervalMs: 20, timeoutMs: 5_000 });
    expect(calls).toBe(3);
  });

  it('waits for a server that is not listening yet', async () => {
    const port = await findFreePort();
    setTimeout(() => {
      server = createServer((_req, res) => res.writeHead(200).end()).listen(port, '127.0.0.1');
    }, 150);
    await waitForHttpOk(`http://127.0.0.1:${port}/`, { intervalMs: 20, timeoutMs: 5_000 });
  });

  it('gives up after the timeout, saying what it last saw', async () => {
    const port = await findFreePort();
    await expect(
      waitForHttpOk(`http://127.0.0.1:${port}/`, { intervalMs: 20, timeoutMs: 200 }),
    ).rejects.toThrow(/did not answer 200 within 0 s \(last: ECONNREFUSED\)/);
  });

  it('stops at once when aborted, with the abort reason', async () => {
    const port = await findFreePort();
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('api exited with code 1')), 50);
    const started = Date.now();
    await expect(
      waitForHttpOk(`http://127.0.0.1:${port}/`, {
        intervalMs: 1_000,
        timeoutMs: 10_000,
        signal: controller.signal,
      }),
    ).rejects.toThrow('api exited with code 1');
    expect(Date.now() - started).toBeLessThan(900);
  });
});
