import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Principal } from './principal.js';
import { requestOf } from './request-of.js';
import type { Access, PlatformRole } from './roles.js';

export const PUBLIC_KEY = 'sieve:public';
export const ACCESS_KEY = 'sieve:access';
export const PLATFORM_ROLE_KEY = 'sieve:platform-role';

/** No credentials needed (health, metrics). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_KEY, true);

/** The principal needs this access in the tenant of its credentials. */
export const RequireAccess = (access: Access): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_KEY, access);

/** The principal must be platform staff holding one of these roles. */
export const RequirePlatformRole = (...roles: PlatformRole[]): MethodDecorator & ClassDecorator =>
  SetMetadata(PLATFORM_ROLE_KEY, roles);

export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal | undefined => requestOf(context).user,
);
