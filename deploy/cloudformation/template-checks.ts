import { checkOutputs } from './checks/outputs.js';
import { checkParameterInterface } from './checks/parameter-interface.js';
import { checkPermissions } from './checks/permissions.js';
import { checkReferences } from './checks/references.js';
import { checkSessionDuration } from './checks/session-duration.js';
import { checkTrustParameters, checkTrustPolicy } from './checks/trust-policy.js';
import type { JsonObject } from './template-model.js';

/**
 * Checks on the customer CloudFormation templates. Each takes a parsed template (see
 * cloudformation-yaml.ts) and returns the problems it found, empty when the template passes, so that a
 * test can assert both a pass on the real template and a failure on a deliberately broken copy.
 */

export { checkOutputs } from './checks/outputs.js';
export { checkParameterInterface } from './checks/parameter-interface.js';
export { checkPermissions } from './checks/permissions.js';
export { PERMISSION_CATALOG } from './checks/permission-catalog.js';
export { checkReferences } from './checks/references.js';
export { checkSessionDuration } from './checks/session-duration.js';
export { checkStackSet } from './checks/stackset.js';
export { checkTrustParameters, checkTrustPolicy } from './checks/trust-policy.js';

/** Every check that applies to the single-account role template. */
export function checkCustomerRoleTemplate(template: JsonObject): string[] {
  return [
    ...checkReferences(template),
    ...checkTrustPolicy(template),
    ...checkTrustParameters(template),
    ...checkPermissions(template),
    ...checkSessionDuration(template),
    ...checkOutputs(template),
    ...checkParameterInterface(template),
  ];
}
