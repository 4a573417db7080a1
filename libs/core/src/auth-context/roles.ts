/** Roles a person holds inside one tenant. */
export enum TenantRole {
  Admin = 'TENANT_ADMIN',
  Analyst = 'TENANT_ANALYST',
  Viewer = 'TENANT_VIEWER',
}

/** Roles of the platform operator's staff, across tenants. */
export enum PlatformRole {
  Admin = 'PLATFORM_ADMIN',
  MsspAnalyst = 'MSSP_ANALYST',
}

/** What an integration's API key may do in its tenant. */
export enum ApiKeyScope {
  Ingest = 'ingest',
  Read = 'read',
  Write = 'write',
  Admin = 'admin',
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
