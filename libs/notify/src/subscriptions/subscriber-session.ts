import { ErrorCode, type Principal, SieveException } from '@sieve/core';
import type { SubscriptionAuthenticator } from './subscription-authenticator.js';

/** How long a connection's credential check is trusted before the next event re-checks it. */
export const RECHECK_MS = 15_000;

/**
 * One subscription connection's caller. The credential is checked at connect and again (at most every
 * RECHECK_MS) before an event is sent: a revoked key, an expired token, a removed membership or analyst
 * assignment stop the events instead of lasting as long as the socket. Which tenants' events the caller
 * may see is decided per event by the domain that sends them, from `principal` as it now is.
 */
export class SubscriberSession {
  private checkedAt: Date;

  constructor(
    private readonly credential: string,
    private current: Principal,
    checkedAt: Date,
    private readonly authenticator: SubscriptionAuthenticator,
  ) {
    this.checkedAt = checkedAt;
  }

  get principal(): Principal {
    return this.current;
  }

  /** Re-checks the credential when the last check is older than RECHECK_MS; throws UNAUTHENTICATED if it no longer holds. */
  async recheck(): Promise<void> {
    const now = this.authenticator.now();
    if (now.getTime() - this.checkedAt.getTime() < RECHECK_MS) return;
    try {
      this.current = await this.authenticator.authenticate(this.credential);
    } catch (error) {
      throw new SieveException(ErrorCode.Unauthenticated, `Subscription ended: ${(error as Error).message}`);
    }
    this.checkedAt = now;
  }
}
