import { roleSessionName } from './role-session-name.js';

describe('roleSessionName', () => {
  it('carries the tenant id without dashes', () => {
    expect(roleSessionName('5b0f3c2a-8d4e-4f1a-9c7b-2e6d8a1f4c3b')).toBe(
      'sieve-5b0f3c2a8d4e4f1a9c7b2e6d8a1f4c3b',
    );
  });

  it("stays within STS's 64 characters of [\\w+=,.@-]", () => {
    const name = roleSessionName(`${'x'.repeat(80)} /#`);
    expect(name).toHaveLength(64);
    expect(name).toMatch(/^[\w+=,.@-]{2,64}$/);
  });
});
