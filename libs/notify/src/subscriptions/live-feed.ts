import { Injectable } from '@nestjs/common';
import { PubSub } from 'graphql-subscriptions';
import type { PgChannel } from '../pg/pg-channel.js';
import { PgPubSub } from '../pg/pg-pubsub.js';
import { ProjectedIterator } from './projected-iterator.js';

/**
 * Live events for GraphQL subscriptions, from every process: one LISTEN per channel (on the process's one
 * listening connection) feeds an in-process PubSub, which fans each notification out to the subscribers
 * of this process. Notifications are sent on commit only, so no subscriber hears of a rolled-back change.
 * Events are not replayed: one that arrives while a client is disconnected is not sent to it later
 * (clients re-read what they show when they reconnect).
 */
@Injectable()
export class LiveFeed {
  private readonly pubsub = new PubSub();
  private readonly listening = new Map<PgChannel, Promise<unknown>>();

  constructor(private readonly pg: PgPubSub) {}

  /**
   * The events of `channel` from now on, each turned by `project` into what the subscriber gets (null
   * skips it). Resolves once the channel is listened to, so nothing committed afterwards is missed.
   */
  async subscribe<T, R>(
    channel: PgChannel,
    project: (event: T) => Promise<R | null>,
  ): Promise<ProjectedIterator<T, R>> {
    await this.listen(channel);
    let subscription: number | null = null;
    const iterator = new ProjectedIterator<T, R>(project, () => {
      if (subscription !== null) this.pubsub.unsubscribe(subscription);
    });
    subscription = await this.pubsub.subscribe(channel, (event: T) => iterator.push(event));
    return iterator;
  }

  private listen(channel: PgChannel): Promise<unknown> {
    let listening = this.listening.get(channel);
    if (!listening) {
      listening = this.pg
        .listen(channel, { onMessage: (payload) => void this.pubsub.publish(channel, payload) })
        .catch((error: unknown) => {
          this.listening.delete(channel);
          throw error;
        });
      this.listening.set(channel, listening);
    }
    return listening;
  }
}
