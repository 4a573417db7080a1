import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * Reads the principal epoch (`principal_epoch`, moved by a trigger in the same transaction as any change
 * to users, memberships, analyst assignments, tenants or API keys).
 *
 * `current()` answers with a read that began after it was called, so a change committed before the call
 * is always seen: that is what lets a cached principal stand in for one rebuilt from the database. Calls
 * arriving while a read is in flight share the next read rather than each sending their own; that next
 * read is sent only once the one in flight has answered, i.e. after every call it serves.
 */
@Injectable()
export class PrincipalEpoch {
  private inFlight: Promise<unknown> = Promise.resolve();
  private next: Promise<string> | null = null;

  constructor(private readonly dataSource: DataSource) {}

  current(): Promise<string> {
    if (this.next) return this.next;
    const next = this.inFlight.then(() => {
      // From here on, a new caller may have arrived after this read is sent: it must wait for another.
      this.next = null;
      return this.read();
    });
    this.next = next;
    this.inFlight = next.catch(() => undefined);
    return next;
  }

  private async read(): Promise<string> {
    const rows = (await this.dataSource.query(`SELECT epoch::text AS epoch FROM principal_epoch`)) as {
      epoch: string;
    }[];
    if (!rows[0]) throw new Error('principal_epoch has no row: run the migrations');
    return rows[0].epoch;
  }
}
