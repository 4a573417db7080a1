import type { PatternSupport } from '../patterns/pattern-schema.js';
import { type TenantSupport, emptyTenantSupport, mergeSupport, poolSupport } from './support-pooling.js';

function tenant(...supports: (PatternSupport | null)[]): TenantSupport {
  const merged = emptyTenantSupport();
  for (const s of supports) mergeSupport(merged, s);
  return merged;
}

describe('pooled support', () => {
  it('lists a value only when k tenants saw it, and a tenant counts once per value', () => {
    const pooled = poolSupport(
      [
        tenant(
          { findings: 3, countries: ['US', 'FR'], asns: [398324], userAgentFamilies: ['aws-cli'] },
          { findings: 2, countries: ['US'] },
        ),
        tenant({
          findings: 4,
          countries: ['US', 'DE'],
          asns: [398324, 14061],
          userAgentFamilies: ['aws-cli'],
        }),
        tenant({ findings: 1, countries: ['US', 'FR'], asns: [398324, 14061] }),
      ],
      3,
    );
    // No support said its resources were tagged: untagged ones are no novelty.
    expect(pooled).toEqual({ findings: 10, countries: ['US'], asns: [398324] });
  });

  it('records API actions and ports as soon as one tenant did, holding only the values of k tenants', () => {
    const pooled = poolSupport(
      [
        tenant({ findings: 1, localPorts: ['443', '22'], apiActions: ['s3:GetObject'] }),
        tenant({ findings: 1, localPorts: ['22', '8443'] }),
        tenant({ findings: 1, localPorts: ['22', '443'] }),
      ],
      3,
    );
    expect(pooled.localPorts).toEqual(['22']);
    expect(pooled.apiActions).toEqual([]);
  });

  it('allows Tor and untagged resources only when k tenants did', () => {
    const torTwice = poolSupport(
      [
        tenant({ findings: 1, tor: true, tagged: false }),
        tenant({ findings: 1, tor: true }),
        tenant({ findings: 1, tagged: true }),
      ],
      3,
    );
    expect(torTwice.tor).toBeUndefined();
    expect(torTwice.tagged).toBe(true);
    const everywhere = poolSupport(
      [
        tenant({ findings: 1, tor: true }),
        tenant({ findings: 1, tor: true }),
        tenant({ findings: 1, tor: true }, null),
      ],
      3,
    );
    expect(everywhere).toEqual({ findings: 3, tor: true });
  });

  it('never lists a value that has the shape of an identifier, even seen by every tenant', () => {
    const leaky: PatternSupport = {
      findings: 1,
      apiActions: ['s3:GetObject', 'arn:aws:s3:::acme-payroll'],
      hostingProviders: ['ops@acme.example'],
    };
    const pooled = poolSupport([tenant(leaky), tenant(leaky), tenant(leaky)], 3);
    expect(pooled.apiActions).toEqual(['s3:GetObject']);
    expect(pooled.hostingProviders).toBeUndefined();
  });
});
