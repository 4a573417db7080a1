import { type BeforeApplicationShutdown, Injectable, type OnModuleDestroy } from '@nestjs/common';

/**
 * Whether this process has begun a graceful shutdown. Readiness reports `down` from then on, so load
 * balancers and Kubernetes stop routing new requests here while in-flight ones finish.
 *
 * Nest runs `onModuleDestroy` first and `beforeApplicationShutdown` next, both while the HTTP server is
 * still listening; the flag is set at the earliest of them. A shutdown that wants a drain window (time for
 * the load balancer to see the failing readiness before the server closes) calls `markShuttingDown()`,
 * waits, then calls `app.close()`.
 */
@Injectable()
export class ShutdownState implements OnModuleDestroy, BeforeApplicationShutdown {
  private shuttingDown = false;

  get isShuttingDown(): boolean {
    return this.shuttingDown;
  }

  markShuttingDown(): void {
    this.shuttingDown = true;
  }

  onModuleDestroy(): void {
    this.markShuttingDown();
  }

  beforeApplicationShutdown(): void {
    this.markShuttingDown();
  }
}
