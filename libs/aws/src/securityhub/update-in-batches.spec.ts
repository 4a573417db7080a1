import { type BatchAnswer, type FindingIdentifier, updateInBatches } from './update-in-batches.js';

const ids = (count: number, prefix = 'f'): FindingIdentifier[] =>
  Array.from({ length: count }, (_, index) => ({ Id: `${prefix}-${index}`, ProductArn: 'arn:product' }));
const unprocessed = (identifier: FindingIdentifier, ErrorCode: string) => ({
  FindingIdentifier: identifier,
  ErrorCode,
  ErrorMessage: `${ErrorCode} message`,
});

describe('updateInBatches', () => {
  const sleeps: number[] = [];
  const options = {
    batchSize: 100,
    maxAttempts: 3,
    backoffMs: 100,
    sleep: async (ms: number) => void sleeps.push(ms),
  };

  beforeEach(() => {
    sleeps.length = 0;
  });

  it('sends at most 100 identifiers per request, each once', async () => {
    const batches: number[] = [];
    const all = ids(250);
    const result = await updateInBatches(
      [...all, all[3], all[200]],
      async (batch) => {
        batches.push(batch.length);
        return { ProcessedFindings: batch };
      },
      options,
    );
    expect(batches).toEqual([100, 100, 50]);
    expect(result.processed).toEqual(all);
    expect(result.unprocessed).toEqual([]);
  });

  it('re-sends only the retryable failures, with growing backoff, a bounded number of times', async () => {
    const [stuck, flaky, missing, ok] = ids(4);
    const sent: string[][] = [];
    const answers: BatchAnswer[] = [
      {
        ProcessedFindings: [ok],
        UnprocessedFindings: [
          unprocessed(stuck, 'ConcurrentUpdateError'),
          unprocessed(flaky, 'InternalFailure'),
          unprocessed(missing, 'FindingNotFound'),
        ],
      },
      { ProcessedFindings: [flaky], UnprocessedFindings: [unprocessed(stuck, 'ConcurrentUpdateError')] },
      { UnprocessedFindings: [unprocessed(stuck, 'ConcurrentUpdateError')] },
    ];
    const result = await updateInBatches(
      [stuck, flaky, missing, ok],
      async (batch) => {
        sent.push(batch.map((identifier) => identifier.Id));
        return answers.shift()!;
      },
      options,
    );

    expect(sent).toEqual([['f-0', 'f-1', 'f-2', 'f-3'], ['f-0', 'f-1'], ['f-0']]);
    expect(result.processed).toEqual([ok, flaky]);
    expect(result.unprocessed).toEqual([
      {
        id: 'f-2',
        productArn: 'arn:product',
        errorCode: 'FindingNotFound',
        errorMessage: 'FindingNotFound message',
        retryable: false,
      },
      {
        id: 'f-0',
        productArn: 'arn:product',
        errorCode: 'ConcurrentUpdateError',
        errorMessage: 'ConcurrentUpdateError message',
        retryable: true,
      },
    ]);
    expect(sleeps).toHaveLength(2);
    expect(sleeps[0]).toBeGreaterThanOrEqual(50);
    expect(sleeps[0]).toBeLessThan(150);
    expect(sleeps[1]).toBeGreaterThanOrEqual(100);
    expect(sleeps[1]).toBeLessThan(300);
  });

  it.each([
    'FindingNotFound',
    'FindingSizeExceeded',
    'InvalidInput',
    'DuplicatedFindingIdentifier',
    'NewCode',
  ])('does not re-send %s', async (code) => {
    const [finding] = ids(1);
    let requests = 0;
    const send = async () => {
      requests++;
      return { UnprocessedFindings: [unprocessed(finding, code)] };
    };
    const result = await updateInBatches([finding], send, options);
    expect(requests).toBe(1);
    expect(result.unprocessed).toEqual([expect.objectContaining({ errorCode: code, retryable: false })]);
  });

  it('lets a failed request fail the whole call', async () => {
    await expect(
      updateInBatches(ids(3), async () => Promise.reject(new Error('AccessDenied')), options),
    ).rejects.toThrow('AccessDenied');
  });
});
