import { TenantRepository } from './tenant-repository.js';

class Thing {
  id: string;
  tenantId: string;
}

describe('TenantRepository', () => {
  it('refuses to run outside a tenant unit of work instead of querying every tenant', async () => {
    const things = new TenantRepository(Thing);
    await expect(things.findOneBy({ id: 'x' })).rejects.toThrow(/outside a tenant unit of work/);
    expect(() => things.tenantId).toThrow(/outside a tenant unit of work/);
  });
});
