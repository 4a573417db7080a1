import {
  isJsonObject,
  resourcesOfType,
  section,
  show,
  type Json,
  type JsonObject,
} from '../template-model.js';
import { subVariables } from './references.js';
import { EXTERNAL_ID_PARAMETER } from './trust-policy.js';

/**
 * Onboarding reads the role ARN from the RoleArn output. The ExternalId must never be an output:
 * outputs are visible to anyone allowed to describe the stack and can be exported to other stacks,
 * which would undo the parameter's NoEcho.
 */

export const ROLE_ARN_OUTPUT = 'RoleArn';

/** True when the value mentions the parameter through Ref or a Fn::Sub variable, however deeply. */
function mentions(value: Json, parameter: string): boolean {
  if (Array.isArray(value)) return value.some((item) => mentions(item, parameter));
  if (!isJsonObject(value)) return false;
  if (value['Ref'] === parameter) return true;
  const sub = value['Fn::Sub'];
  const text = Array.isArray(sub) ? sub[0] : sub;
  if (typeof text === 'string' && subVariables(text).includes(parameter)) return true;
  return Object.values(value).some((child) => mentions(child, parameter));
}

export function checkOutputs(template: JsonObject): string[] {
  const outputs = section(template, 'Outputs');
  const problems = Object.entries(outputs)
    .filter(([, output]) => mentions(output, EXTERNAL_ID_PARAMETER))
    .map(([name]) => `Outputs.${name}: must not reveal ${EXTERNAL_ID_PARAMETER}`);
  const roles = resourcesOfType(template, 'AWS::IAM::Role');
  const value = outputs[ROLE_ARN_OUTPUT]?.['Value'];
  const attribute = isJsonObject(value) ? value['Fn::GetAtt'] : undefined;
  const pointsAtRole =
    Array.isArray(attribute) &&
    attribute[1] === 'Arn' &&
    roles.some(({ logicalId }) => attribute[0] === logicalId);
  if (!pointsAtRole) {
    problems.push(`Outputs.${ROLE_ARN_OUTPUT}: must be !GetAtt <role>.Arn, got ${show(value)}`);
  }
  return problems;
}
