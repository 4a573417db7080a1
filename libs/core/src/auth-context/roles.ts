/** Roles a person holds inside one tenant. */
export enum TenantRole {
  TENANT_ADMIN = 'TENANT_ADMIN',
  TENANT_ANALYST = 'TENANT_ANALYST',
  TENANT_VIEWER = 'TENANT_VIEWER',
}

/** Roles of the platform operator's staff, across tenants. */
export enum PlatformRole {
  PLATFORM_ADMIN = 'PLATFORM_ADMIN',
  MSSP_ANALYST = 'MSSP_ANALYST',
}

/** What an integration's API key may do in its tenant. */
export enum ApiKeyScope {
  INGEST = 'ingest',
  READ = 'read',
  WRITE = 'write',
  ADMIN = 'admin',
}

/**
 * The one vocabulary authorization checks speak, for people and keys alike: an operation declares the
 * access it needs and the principal's roles or scopes decide whether it has it in its tenant.
 */
export enum Access {
  Read = 'read',
  Write = 'write',
  Admin = 'admin',
  Ingest = 'ingest',
}
