import { ErrorCode } from '@sieve/core';
import { ObservableType } from './case-observable.entity.js';
import { normalizeObservable } from './observable-value.js';

describe('normalizeObservable', () => {
  it.each([
    [ObservableType.IP, ' 198.51.100.7 ', '198.51.100.7'],
    [ObservableType.IP, '2001:db8::1', '2001:db8::1'],
    [ObservableType.DOMAIN, 'Pool.Example-Miner.COM', 'pool.example-miner.com'],
    [
      ObservableType.PRINCIPAL_ARN,
      'arn:aws:iam::123456789012:role/web',
      'arn:aws:iam::123456789012:role/web',
    ],
    [ObservableType.RESOURCE_ARN, 'arn:aws:s3:::my-bucket', 'arn:aws:s3:::my-bucket'],
    [ObservableType.ACCESS_KEY_ID, 'ASIAQ3EGWZJ5T7XKM2PB', 'ASIAQ3EGWZJ5T7XKM2PB'],
    [ObservableType.HASH, 'D41D8CD98F00B204E9800998ECF8427E', 'd41d8cd98f00b204e9800998ecf8427e'],
  ])('accepts a %s and normalises it', (type, raw, expected) => {
    expect(normalizeObservable(type, raw)).toBe(expected);
  });

  it.each([
    [ObservableType.IP, '999.1.1.1'],
    [ObservableType.DOMAIN, 'not a domain'],
    [ObservableType.PRINCIPAL_ARN, 'role/web'],
    [ObservableType.ACCESS_KEY_ID, 'AKIA123'],
    [ObservableType.HASH, 'abc123'],
  ])('refuses a malformed %s with BAD_USER_INPUT', (type, raw) => {
    expect(() => normalizeObservable(type, raw)).toThrow(
      expect.objectContaining({ code: ErrorCode.BadUserInput }),
    );
  });
});
