import type { OperationDefinition } from '../aws/service-definition.js';
import { assumeRole } from './assume-role.handler.js';
import { getCallerIdentity } from './get-caller-identity.handler.js';
import { STS } from './sts.service.js';

/** STS actions by their Query `Action` name. */
export const STS_ACTIONS: Record<string, OperationDefinition> = {
  AssumeRole: { service: STS, name: 'AssumeRole', handle: assumeRole },
  GetCallerIdentity: { service: STS, name: 'GetCallerIdentity', handle: getCallerIdentity },
};
