import { jest } from '@jest/globals';
import { ProjectedIterator } from './projected-iterator.js';

describe('ProjectedIterator', () => {
  it('yields projected events in order, skipping those projected to null', async () => {
    const it = new ProjectedIterator<number, string>(
      async (n) => (n % 2 ? `odd ${n}` : null),
      () => undefined,
    );
    [1, 2, 3].forEach((n) => it.push(n));
    await expect(it.next()).resolves.toEqual({ done: false, value: 'odd 1' });
    await expect(it.next()).resolves.toEqual({ done: false, value: 'odd 3' });
  });

  it('waits for an event pushed later', async () => {
    const it = new ProjectedIterator<number, number>(
      async (n) => n,
      () => undefined,
    );
    const pending = it.next();
    it.push(7);
    await expect(pending).resolves.toEqual({ done: false, value: 7 });
  });

  it('ends a pending pull and runs onClose once when returned', async () => {
    const onClose = jest.fn();
    const it = new ProjectedIterator<number, number>(async (n) => n, onClose);
    const pending = it.next();
    await it.return();
    await it.return();
    await expect(pending).resolves.toEqual({ done: true, value: undefined });
    expect(onClose).toHaveBeenCalledTimes(1);
    it.push(1);
    await expect(it.next()).resolves.toEqual({ done: true, value: undefined });
  });

  it('ends the stream with the error of a failed projection', async () => {
    const onClose = jest.fn();
    const it = new ProjectedIterator<number, number>(async () => {
      throw new Error('revoked');
    }, onClose);
    it.push(1);
    await expect(it.next()).rejects.toThrow('revoked');
    expect(onClose).toHaveBeenCalledTimes(1);
    await expect(it.next()).resolves.toMatchObject({ done: true });
  });
});
