export { Clock, ManualClock, SystemClock } from './clock/clock.js';
export { ClockModule } from './clock/clock.module.js';
export { AppConfigService } from './config/app-config.js';
export { type AppConfig, configSchema } from './config/config.schema.js';
export { ConfigModule } from './config/config.module.js';
export { ConfigValidationError, loadConfig } from './config/load-config.js';
export { buildDataSourceOptions } from './db/data-source-options.js';
export { APP_DB_ROLE, appDatabaseUrl } from './db/database-urls.js';
export { DatabaseModule } from './db/database.module.js';
export { type TenantContext, currentTenantContext } from './db/tenant-context.js';
export { TenantRepository, type TenantOwned } from './db/tenant-repository.js';
export { SqlStatementCounter } from './db/sql-statement-counter.js';
export { type CrossTenantAccess, UnitOfWork } from './db/unit-of-work.js';
export { isUuid } from './db/uuid.js';
export { SieveExceptionFilter, toSieveException } from './errors/exception.filter.js';
export { ErrorCode, HTTP_STATUS_BY_CODE, SieveException } from './errors/sieve.exception.js';
export { LoggerModule } from './logging/logger.module.js';
export { REDACTED_PATHS } from './logging/redaction.js';
export {
  ACCESS_KEY,
  CurrentPrincipal,
  PLATFORM_ROLE_KEY,
  PUBLIC_KEY,
  Public,
  RequireAccess,
  RequirePlatformRole,
} from './auth-context/access.decorators.js';
export { AuthorizationGuard } from './auth-context/authorization.guard.js';
export {
  type Actor,
  type ApiKeyPrincipal,
  type Principal,
  type SystemActor,
  type UserPrincipal,
  accessInTenant,
  actorOf,
} from './auth-context/principal.js';
export { type AuthenticatedRequest, requestOf } from './auth-context/request-of.js';
export { Access, ApiKeyScope, PlatformRole, TenantRole } from './auth-context/roles.js';
export { AuditLogEntry } from './audit/audit-log-entry.entity.js';
export { type AuditEvent, AuditService } from './audit/audit.service.js';
export { AuditModule } from './audit/audit.module.js';
export { currentRequestId, requestContextStorage } from './request-context/request-context.js';
export { requestIdMiddleware } from './request-context/request-id.middleware.js';
export {
  type Connection,
  ConnectionArgs,
  ConnectionType,
  type Edge,
  PageInfo,
} from './graphql/connection.js';
export { decodeCursor, encodeCursor, paginateNewestFirst } from './graphql/keyset.js';
export { RedisModule, RedisService } from './redis/redis.module.js';
export { QueueName } from './queues/queue-name.js';
export { bullPrefix, bullRootOptions } from './queues/bull-root-options.js';
export { GraphQLJSON } from './graphql/json.scalar.js';
