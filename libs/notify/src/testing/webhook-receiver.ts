import { type IncomingHttpHeaders, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  /** Wall-clock receipt time (ms), to measure the gaps between retries. */
  receivedAt: number;
}

/**
 * A webhook receiver on 127.0.0.1 for tests: records every request and answers with the next queued
 * status (200 once the queue is empty), or holds the request open while `hold` is set.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private readonly statuses: number[] = [];
  private held: (() => void)[] = [];
  hold = false;

  private readonly server: Server;
  url = '';

  private constructor(private readonly path: string) {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        this.received.push({ headers: req.headers, body, receivedAt: Date.now() });
        const answer = () => res.writeHead(this.statuses.shift() ?? 200).end();
        if (this.hold) this.held.push(answer);
        else answer();
      });
    });
  }

  static async start(path = '/hooks'): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver(path);
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    receiver.url = `http://127.0.0.1:${(receiver.server.address() as AddressInfo).port}${receiver.path}`;
    return receiver;
  }

  /** The next answers, in order (e.g. 500, 500: fail twice, then 200). */
  answer(...statuses: number[]): void {
    this.statuses.push(...statuses);
  }

  /** Answers the requests held so far. */
  release(): void {
    this.hold = false;
    for (const answer of this.held.splice(0)) answer();
  }

  async waitFor(count: number, timeoutMs = 10_000): Promise<ReceivedWebhook[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length < count) {
      if (Date.now() > deadline) {
        throw new Error(`expected ${count} webhook(s) within ${timeoutMs} ms, got ${this.received.length}`);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    return this.received.slice(0, count);
  }

  async close(): Promise<void> {
    this.release();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
