import { Injectable, Logger } from '@nestjs/common';
import { AppConfigService, Clock, UnitOfWork } from '@sieve/core';
import type { EntityManager } from 'typeorm';
import { WebhookDeliveryStatus } from '../webhooks/webhook-delivery-status.js';
import type { WebhookPayload } from '../webhooks/webhook-payload.js';
import { signWebhook } from '../webhooks/webhook-signature.js';
import { retryDelayMs } from './retry-delay.js';
import { type SendResult, sendWebhook } from './webhook-sender.js';

/** Deliveries claimed (and sent in parallel) per run. */
export const DISPATCH_BATCH = 20;
/** A claim outlives the request's time limit by this much before another worker may take the delivery. */
const LEASE_MARGIN_MS = 30_000;

interface Claimed {
  id: string;
  endpointId: string;
  messageId: string;
  payload: WebhookPayload;
  attempts: number;
}

interface EndpointSecrets {
  id: string;
  url: string;
  enabled: boolean;
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
}

export interface DispatchSummary {
  claimed: number;
  delivered: number;
  failed: number;
  /** Deliveries to try again, and in how long (the worker schedules a wake-up for each). */
  retries: { deliveryId: string; attempts: number; inMs: number }[];
}

/**
 * Sends due webhook deliveries. A run claims deliveries in a short transaction (FOR UPDATE SKIP LOCKED, so
 * two workers never take the same one, then a lease and the attempt counted on the row), sends them with
 * no transaction open, and records each answer in a second transaction, fenced on the attempt number so a
 * late answer never overwrites a newer attempt's. A worker killed mid-send leaves the lease to run out and
 * the delivery is sent again: delivery is at least once, and receivers drop repeats by `webhook-id`.
 */
@Injectable()
export class WebhookDispatcher {
  private readonly logger = new Logger(WebhookDispatcher.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly config: AppConfigService,
  ) {}

  /** Sends the tenant's due deliveries (at most `DISPATCH_BATCH`), or only `deliveryId` if it is due. */
  async dispatch(tenantId: string, deliveryId?: string): Promise<DispatchSummary> {
    const { claimed, endpoints } = await this.claim(tenantId, deliveryId);
    const results = await Promise.all(
      claimed.map(async (delivery) => {
        const endpoint = endpoints.get(delivery.endpointId);
        const result: SendResult =
          endpoint && endpoint.enabled
            ? await this.send(delivery, endpoint)
            : { statusCode: null, error: 'endpoint disabled before delivery' };
        return { delivery, result, final: !endpoint?.enabled };
      }),
    );
    return this.record(tenantId, results);
  }

  /** Tenants with deliveries due now, for the sweeper (one small indexed query per tenant). */
  async dueTenants(): Promise<string[]> {
    const tenants = (await this.uow.withPlatform((m) => m.query(`SELECT id FROM tenants`))) as {
      id: string;
    }[];
    const now = this.clock.now();
    const due: string[] = [];
    for (const { id } of tenants) {
      const [row] = (await this.uow.withTenant(id, (m) =>
        m.query(
          `SELECT EXISTS (SELECT 1 FROM webhook_deliveries WHERE tenant_id = $1 AND status = 'PENDING'
             AND next_attempt_at <= $2 AND (lease_until IS NULL OR lease_until <= $2)) AS due`,
          [id, now],
        ),
      )) as { due: boolean }[];
      if (row.due) due.push(id);
    }
    return due;
  }

  private claim(
    tenantId: string,
    deliveryId: string | undefined,
  ): Promise<{ claimed: Claimed[]; endpoints: Map<string, EndpointSecrets> }> {
    const now = this.clock.now();
    const leaseUntil = new Date(now.getTime() + this.config.values.WEBHOOK_TIMEOUT_MS + LEASE_MARGIN_MS);
    return this.uow.withTenant(tenantId, async (manager) => {
      // An UPDATE answers [rows, count] through TypeORM.
      const [claimed] = (await manager.query(
        `WITH due AS (
           SELECT id FROM webhook_deliveries
           WHERE tenant_id = $1 AND status = 'PENDING' AND next_attempt_at <= $2
             AND (lease_until IS NULL OR lease_until <= $2) AND ($4::uuid IS NULL OR id = $4::uuid)
           ORDER BY next_attempt_at
           LIMIT $3
           FOR UPDATE SKIP LOCKED)
         UPDATE webhook_deliveries d
         SET attempts = d.attempts + 1, lease_until = $5, last_attempt_at = $2
         FROM due WHERE d.id = due.id
         RETURNING d.id, d.endpoint_id AS "endpointId", d.message_id AS "messageId", d.payload, d.attempts`,
        [tenantId, now, DISPATCH_BATCH, deliveryId ?? null, leaseUntil],
      )) as [Claimed[], number];
      return { claimed, endpoints: await this.endpointsOf(manager, claimed) };
    });
  }

  private async endpointsOf(
    manager: EntityManager,
    claimed: Claimed[],
  ): Promise<Map<string, EndpointSecrets>> {
    if (claimed.length === 0) return new Map();
    const rows = (await manager.query(
      `SELECT id, url, enabled, secret, previous_secret AS "previousSecret",
              previous_secret_expires_at AS "previousSecretExpiresAt"
       FROM webhook_endpoints WHERE id = ANY ($1::uuid[])`,
      [[...new Set(claimed.map((c) => c.endpointId))]],
    )) as EndpointSecrets[];
    return new Map(rows.map((r) => [r.id, r]));
  }

  private send(delivery: Claimed, endpoint: EndpointSecrets): Promise<SendResult> {
    const now = this.clock.now();
    const secrets = [endpoint.secret];
    if (
      endpoint.previousSecret &&
      endpoint.previousSecretExpiresAt &&
      endpoint.previousSecretExpiresAt > now
    ) {
      secrets.push(endpoint.previousSecret);
    }
    const body = JSON.stringify(delivery.payload);
    const headers = signWebhook(secrets, delivery.messageId, now, body);
    const { WEBHOOK_TIMEOUT_MS, WEBHOOK_ALLOW_INSECURE_TARGETS } = this.config.values;
    return sendWebhook(endpoint.url, { ...headers }, body, {
      timeoutMs: WEBHOOK_TIMEOUT_MS,
      allowInsecure: WEBHOOK_ALLOW_INSECURE_TARGETS,
    });
  }

  private record(
    tenantId: string,
    results: { delivery: Claimed; result: SendResult; final: boolean }[],
  ): Promise<DispatchSummary> {
    const summary: DispatchSummary = { claimed: results.length, delivered: 0, failed: 0, retries: [] };
    if (results.length === 0) return Promise.resolve(summary);
    const { WEBHOOK_MAX_ATTEMPTS, WEBHOOK_RETRY_BASE_MS, WEBHOOK_RETRY_MAX_MS } = this.config.values;
    return this.uow.withTenant(tenantId, async (manager) => {
      const now = this.clock.now();
      for (const { delivery, result, final } of results) {
        const ok = result.error === null;
        const gone = result.statusCode === 410;
        const spent = final || gone || delivery.attempts >= WEBHOOK_MAX_ATTEMPTS;
        const delay =
          ok || spent
            ? null
            : retryDelayMs(delivery.attempts, { baseMs: WEBHOOK_RETRY_BASE_MS, maxMs: WEBHOOK_RETRY_MAX_MS });
        const status = ok
          ? WebhookDeliveryStatus.DELIVERED
          : spent
            ? WebhookDeliveryStatus.FAILED
            : WebhookDeliveryStatus.PENDING;
        const [, updated] = (await manager.query(
          `UPDATE webhook_deliveries
           SET status = $3, lease_until = NULL, last_status_code = $4, last_error = $5,
               delivered_at = CASE WHEN $3 = 'DELIVERED' THEN $6::timestamptz ELSE delivered_at END,
               next_attempt_at = $7
           WHERE id = $1 AND attempts = $2`,
          [
            delivery.id,
            delivery.attempts,
            status,
            result.statusCode,
            result.error?.slice(0, 2_000) ?? null,
            now,
            delay === null ? null : new Date(now.getTime() + delay),
          ],
        )) as [unknown, number];
        // A newer attempt took over (this one outlived its lease): its outcome is the one that counts.
        if (updated === 0) continue;
        if (gone) await this.disableGone(manager, delivery.endpointId, now);
        if (ok) summary.delivered++;
        else if (delay === null) summary.failed++;
        else summary.retries.push({ deliveryId: delivery.id, attempts: delivery.attempts, inMs: delay });
        if (!ok) {
          this.logger.warn(
            `Webhook delivery ${delivery.id} (endpoint ${delivery.endpointId}, attempt ${delivery.attempts}) ` +
              `failed${delay === null ? ' for good' : `, retrying in ${delay} ms`}: ${result.statusCode ?? 'no answer'}`,
          );
        }
      }
      return summary;
    });
  }

  /** 410 Gone: the receiver says the endpoint no longer exists; stop sending to it. */
  private async disableGone(manager: EntityManager, endpointId: string, now: Date): Promise<void> {
    await manager.query(
      `UPDATE webhook_endpoints SET enabled = false, disabled_reason = $2, updated_at = $3 WHERE id = $1`,
      [endpointId, `The receiver answered 410 Gone on ${now.toISOString()}`, now],
    );
  }
}
