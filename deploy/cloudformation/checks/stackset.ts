import { isDeepStrictEqual } from 'node:util';

import { parseCloudFormationYaml } from '../cloudformation-yaml.js';
import {
  asList,
  isJsonObject,
  isRefTo,
  resourcesOfType,
  section,
  show,
  type Json,
  type JsonObject,
} from '../template-model.js';

/**
 * The organization variant must deploy the very role that customer-role.yaml defines (one source of
 * truth), to every account of the chosen OUs including later ones, with the same parameter validation,
 * and with RoleName required (Sieve derives member role ARNs from it).
 */

export const OU_PARAMETER = 'OrganizationalUnitIds';

function checkTargets(properties: JsonObject, where: string): string[] {
  const problems: string[] = [];
  if (properties['PermissionModel'] !== 'SERVICE_MANAGED') {
    problems.push(
      `${where}.PermissionModel: must be SERVICE_MANAGED (AWS Organizations), got ${show(properties['PermissionModel'])}`,
    );
  }
  const auto = properties['AutoDeployment'];
  if (!isJsonObject(auto) || auto['Enabled'] !== true) {
    problems.push(`${where}.AutoDeployment.Enabled: must be true so that new accounts get the role`);
  }
  const groups = asList(properties['StackInstancesGroup']);
  if (groups.length === 0) problems.push(`${where}.StackInstancesGroup: missing`);
  groups.forEach((group, index) => {
    const at = `${where}.StackInstancesGroup[${index}]`;
    const targets = isJsonObject(group) ? group['DeploymentTargets'] : undefined;
    const ous = isJsonObject(targets) ? targets['OrganizationalUnitIds'] : undefined;
    if (!isRefTo(ous, OU_PARAMETER))
      problems.push(`${at}.DeploymentTargets.OrganizationalUnitIds: must be !Ref ${OU_PARAMETER}`);
    if (!isJsonObject(group) || asList(group['Regions']).length === 0)
      problems.push(`${at}.Regions: missing`);
  });
  if (!asList(properties['Capabilities']).includes('CAPABILITY_NAMED_IAM')) {
    problems.push(`${where}.Capabilities: must include CAPABILITY_NAMED_IAM (the role has a fixed name)`);
  }
  return problems;
}

function checkPassThrough(
  stackset: JsonObject,
  role: JsonObject,
  properties: JsonObject,
  where: string,
): string[] {
  const problems: string[] = [];
  const outer = section(stackset, 'Parameters');
  const inner = section(role, 'Parameters');
  const passed = new Map<string, Json>();
  for (const entry of asList(properties['Parameters'])) {
    if (isJsonObject(entry) && typeof entry['ParameterKey'] === 'string') {
      passed.set(entry['ParameterKey'], entry['ParameterValue']);
    }
  }
  for (const name of Object.keys(inner)) {
    if (!passed.has(name)) problems.push(`${where}.Parameters: does not pass ${name} to the role template`);
    else if (!isRefTo(passed.get(name), name))
      problems.push(`${where}.Parameters: ${name} must be !Ref ${name}`);
    if (!isDeepStrictEqual(outer[name], inner[name])) {
      problems.push(`Parameters.${name}: must be declared exactly as in the role template`);
    }
  }
  for (const name of passed.keys()) {
    if (!(name in inner))
      problems.push(`${where}.Parameters: ${name} is not a parameter of the role template`);
  }
  return problems;
}

function requiresRoleName(stackset: JsonObject): boolean {
  const required = { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'RoleName' }, ''] }] };
  return Object.values(section(stackset, 'Rules')).some((rule) =>
    asList(rule['Assertions']).some(
      (assertion) => isJsonObject(assertion) && isDeepStrictEqual(assertion['Assert'], required),
    ),
  );
}

export function checkStackSet(stackset: JsonObject, roleTemplateText: string): string[] {
  const stackSets = resourcesOfType(stackset, 'AWS::CloudFormation::StackSet');
  const stackSet = stackSets[0];
  if (stackSets.length !== 1 || !stackSet) {
    return [`expected one AWS::CloudFormation::StackSet, found ${stackSets.length}`];
  }
  const { logicalId, properties } = stackSet;
  const where = `Resources.${logicalId}.Properties`;
  const problems = checkTargets(properties, where);
  if ('TemplateURL' in properties)
    problems.push(`${where}.TemplateURL: embed the role with TemplateBody instead`);
  if (properties['TemplateBody'] !== roleTemplateText) {
    problems.push(
      `${where}.TemplateBody: differs from customer-role.yaml; run deploy/cloudformation/sync-stackset.sh`,
    );
  }
  problems.push(...checkPassThrough(stackset, parseCloudFormationYaml(roleTemplateText), properties, where));
  if (!requiresRoleName(stackset)) problems.push('Rules: must assert that RoleName is not empty');
  return problems;
}
