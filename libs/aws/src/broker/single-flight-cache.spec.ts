import { SingleFlightCache } from './single-flight-cache.js';

describe('SingleFlightCache', () => {
  let now = 0;
  const cache = () => new SingleFlightCache<string>(() => now);
  const deferred = () => {
    let resolve!: (value: { value: string; freshUntil: number }) => void;
    let reject!: (error: Error) => void;
    const promise = new Promise<{ value: string; freshUntil: number }>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };

  beforeEach(() => {
    now = 1_000;
  });

  it('shares one load between concurrent callers and serves the value while fresh', async () => {
    const subject = cache();
    const load = deferred();
    let loads = 0;
    let next = () => load.promise;
    const loader = () => {
      loads++;
      return next();
    };
    const callers = Array.from({ length: 5 }, () => subject.get('k', loader));
    load.resolve({ value: 'v1', freshUntil: 2_000 });
    await expect(Promise.all(callers)).resolves.toEqual(['v1', 'v1', 'v1', 'v1', 'v1']);
    await expect(subject.get('k', loader)).resolves.toBe('v1');
    expect(loads).toBe(1);

    now = 2_000;
    next = async () => ({ value: 'v2', freshUntil: 3_000 });
    await expect(subject.get('k', loader)).resolves.toBe('v2');
    expect(loads).toBe(2);
  });

  it('gives a failed load to every waiting caller and does not remember it', async () => {
    const subject = cache();
    const load = deferred();
    const callers = Array.from({ length: 3 }, () => subject.get('k', () => load.promise));
    load.reject(new Error('denied'));
    for (const caller of callers) await expect(caller).rejects.toThrow('denied');
    await expect(subject.get('k', async () => ({ value: 'v', freshUntil: 2_000 }))).resolves.toBe('v');
  });

  it('deletes only the value a caller saw as stale', async () => {
    const subject = cache();
    await subject.get('k', async () => ({ value: 'fresh', freshUntil: 2_000 }));
    subject.delete('k', (value) => value === 'old');
    await expect(subject.get('k', async () => ({ value: 'reloaded', freshUntil: 2_000 }))).resolves.toBe(
      'fresh',
    );
    subject.delete('k');
    await expect(subject.get('k', async () => ({ value: 'reloaded', freshUntil: 2_000 }))).resolves.toBe(
      'reloaded',
    );
  });

  it('keeps keys apart', async () => {
    const subject = cache();
    await subject.get('a', async () => ({ value: 'A', freshUntil: 2_000 }));
    await expect(subject.get('b', async () => ({ value: 'B', freshUntil: 2_000 }))).resolves.toBe('B');
  });
});
