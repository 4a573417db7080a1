import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfigService, appDatabaseUrl } from '@sieve/core';
import pg from 'pg';
import type { EntityManager } from 'typeorm';
import { MAX_NOTIFY_PAYLOAD_BYTES, type PgChannel } from './pg-channel.js';

type Handler = (payload: unknown) => void;

export interface ChannelListener {
  /** Called with each notification's parsed payload. */
  onMessage: Handler;
  /** Called after the connection was lost and restored: notifications in between are lost. */
  onReconnect?: () => void;
}

/** Waits after a lost connection: 0.5 s, 1 s, 2 s, … up to 15 s. */
const RECONNECT_MAX_MS = 15_000;

/**
 * Cross-process notifications over PostgreSQL. `publish` runs in the caller's transaction, so listeners
 * hear of a change only once it is committed. Each process opens at most one extra connection, on the
 * first `listen`, and re-opens it (re-LISTENing every channel) when it drops; listeners are told, so they
 * can re-read what they may have missed.
 */
@Injectable()
export class PgPubSub implements OnApplicationShutdown {
  private readonly logger = new Logger(PgPubSub.name);
  private readonly listeners = new Map<string, Set<ChannelListener>>();
  private client: pg.Client | null = null;
  private connecting: Promise<pg.Client> | null = null;
  private retryMs = 500;
  private stopped = false;

  constructor(private readonly config: AppConfigService) {}

  async publish(manager: EntityManager, channel: PgChannel, payload: object): Promise<void> {
    await this.publishAll(manager, channel, [payload]);
  }

  /** One notification per payload, in order, in one statement. */
  async publishAll(manager: EntityManager, channel: PgChannel, payloads: readonly object[]): Promise<void> {
    const texts = payloads.map((payload) => {
      const text = JSON.stringify(payload);
      if (Buffer.byteLength(text) > MAX_NOTIFY_PAYLOAD_BYTES) {
        throw new Error(`NOTIFY payload on ${channel} is too large (${Buffer.byteLength(text)} bytes)`);
      }
      return text;
    });
    if (texts.length === 1) {
      await manager.query(`SELECT pg_notify($1, $2)`, [channel, texts[0]]);
    } else if (texts.length > 1) {
      await manager.query(
        `SELECT pg_notify($1, t.payload) FROM unnest($2::text[]) WITH ORDINALITY AS t(payload, n) ORDER BY t.n`,
        [channel, texts],
      );
    }
  }

  /** Starts listening; resolves once the LISTEN is in place. Returns the function that stops it. */
  async listen(channel: PgChannel, listener: ChannelListener): Promise<() => Promise<void>> {
    let set = this.listeners.get(channel);
    const first = !set;
    if (!set) this.listeners.set(channel, (set = new Set()));
    set.add(listener);
    const client = await this.connection();
    if (first) await client.query(`LISTEN ${channel}`);
    return async () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(channel) === set) {
        this.listeners.delete(channel);
        await this.client?.query(`UNLISTEN ${channel}`).catch(() => undefined);
      }
    };
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private connection(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= this.connect().finally(() => (this.connecting = null));
    return this.connecting;
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({
      connectionString: appDatabaseUrl(this.config.values),
      application_name: 'sieve-listen',
      keepAlive: true,
    });
    client.on('notification', (message) => this.dispatch(message.channel, message.payload));
    client.on('error', (error) => this.logger.warn(`LISTEN connection error: ${error.message}`));
    client.on('end', () => this.lost(client));
    await client.connect();
    for (const channel of this.listeners.keys()) await client.query(`LISTEN ${channel}`);
    this.client = client;
    this.retryMs = 500;
    return client;
  }

  private lost(client: pg.Client): void {
    if (this.client !== client || this.stopped) return;
    this.client = null;
    this.logger.warn(`LISTEN connection lost; reconnecting in ${this.retryMs} ms`);
    const retry = () => {
      if (this.stopped || this.listeners.size === 0) return;
      this.connection().then(
        () => {
          for (const set of this.listeners.values()) for (const l of set) l.onReconnect?.();
        },
        (error: Error) => {
          this.logger.warn(`LISTEN reconnect failed: ${error.message}`);
          this.retryMs = Math.min(RECONNECT_MAX_MS, this.retryMs * 2);
          setTimeout(retry, this.retryMs).unref();
        },
      );
    };
    setTimeout(retry, this.retryMs).unref();
  }

  private dispatch(channel: string, raw: string | undefined): void {
    let payload: unknown;
    try {
      payload = JSON.parse(raw ?? 'null');
    } catch {
      this.logger.warn(`Ignoring a malformed notification on ${channel}`);
      return;
    }
    for (const listener of this.listeners.get(channel) ?? []) {
      try {
        listener.onMessage(payload);
      } catch (error) {
        this.logger.error(`Listener on ${channel} failed: ${(error as Error).message}`);
      }
    }
  }
}
