import { ApiKeyScope, type Principal, TenantRole } from '@sieve/core';
import { msspAnalyst, tenantAdmin } from '../testing/principals.js';
import { mayManagePatterns } from './pattern-access.js';

const TENANT = '00000000-0000-4000-8000-000000000001';
const OTHER = '00000000-0000-4000-8000-000000000002';

describe('mayManagePatterns', () => {
  it.each<[string, Principal, boolean]>([
    ['a tenant admin', tenantAdmin(TENANT), true],
    ['a tenant analyst', { ...tenantAdmin(TENANT), tenantRole: TenantRole.TENANT_ANALYST }, false],
    ['a tenant viewer', { ...tenantAdmin(TENANT), tenantRole: TenantRole.TENANT_VIEWER }, false],
    ['an MSSP analyst assigned to the tenant', msspAnalyst(TENANT, [TENANT]), true],
    ['an MSSP analyst assigned elsewhere', msspAnalyst(TENANT, [OTHER]), false],
    [
      'an admin API key',
      { kind: 'api-key', apiKeyId: 'k', tenantId: TENANT, scopes: [ApiKeyScope.ADMIN] },
      true,
    ],
    [
      'a write API key',
      { kind: 'api-key', apiKeyId: 'k', tenantId: TENANT, scopes: [ApiKeyScope.WRITE] },
      false,
    ],
    ['a person without a tenant', { ...tenantAdmin(TENANT), tenantId: null }, false],
  ])('%s: %s', (_who, principal, expected) => {
    expect(mayManagePatterns(principal)).toBe(expected);
  });
});
