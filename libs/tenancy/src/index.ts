export { TENANCY_ENTITIES } from './entities.js';
export { ApiKey } from './api-keys/api-key.entity.js';
export { ContractTier } from './tenants/contract-tier.js';
export { Tenant } from './tenants/tenant.entity.js';
export { AnalystAssignment } from './users/analyst-assignment.entity.js';
export { Membership } from './users/membership.entity.js';
export { User } from './users/user.entity.js';
