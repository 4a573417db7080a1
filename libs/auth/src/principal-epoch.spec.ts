import type { DataSource } from 'typeorm';
import { PrincipalEpoch } from './principal-epoch.js';

/** A DataSource whose reads answer when told to, recording the epoch each read was sent at. */
function fakeDataSource() {
  let epoch = 1;
  const reads: { sentAt: number; answer: () => void }[] = [];
  const dataSource = {
    query: () =>
      new Promise((resolve) => {
        const sentAt = epoch;
        reads.push({ sentAt, answer: () => resolve([{ epoch: String(sentAt) }]) });
      }),
  } as unknown as DataSource;
  return { dataSource, reads, bump: () => epoch++ };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('PrincipalEpoch', () => {
  it('shares one read between calls made before it is sent', async () => {
    const { dataSource, reads } = fakeDataSource();
    const epoch = new PrincipalEpoch(dataSource);
    const calls = [epoch.current(), epoch.current(), epoch.current()];
    await tick();
    expect(reads).toHaveLength(1);
    reads[0].answer();
    expect(await Promise.all(calls)).toEqual(['1', '1', '1']);
  });

  it('never answers a call with a read sent before it: it waits for the next one', async () => {
    const { dataSource, reads, bump } = fakeDataSource();
    const epoch = new PrincipalEpoch(dataSource);
    const early = epoch.current();
    await tick();
    expect(reads).toHaveLength(1); // sent, not answered yet
    bump(); // a change commits while that read is on the wire
    const late = epoch.current();
    const later = epoch.current();
    await tick();
    expect(reads).toHaveLength(1); // the late calls wait for the read in flight…
    reads[0].answer();
    expect(await early).toBe('1');
    await tick();
    expect(reads).toHaveLength(2); // …then share one read of their own
    reads[1].answer();
    expect(await Promise.all([late, later])).toEqual(['2', '2']);
  });

  it('rejects the calls of a failed read and reads again for the next', async () => {
    let fail = true;
    const dataSource = {
      query: async () => {
        if (fail) throw new Error('connection refused');
        return [{ epoch: '5' }];
      },
    } as unknown as DataSource;
    const epoch = new PrincipalEpoch(dataSource);
    await expect(epoch.current()).rejects.toThrow('connection refused');
    fail = false;
    await expect(epoch.current()).resolves.toBe('5');
  });
});
