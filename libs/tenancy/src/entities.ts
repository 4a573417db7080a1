import { ApiKey } from './api-keys/api-key.entity.js';
import { Tenant } from './tenants/tenant.entity.js';
import { AnalystAssignment } from './users/analyst-assignment.entity.js';
import { Membership } from './users/membership.entity.js';
import { User } from './users/user.entity.js';

export const TENANCY_ENTITIES = [Tenant, User, Membership, AnalystAssignment, ApiKey];
