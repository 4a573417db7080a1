import {
  asList,
  isJsonObject,
  resourcesOfType,
  section,
  show,
  type Json,
  type JsonObject,
} from '../template-model.js';
import {
  ALLOWED_WRITE_ACTIONS,
  ANY_RESOURCE,
  PERMISSION_CATALOG,
  isReadOnlyByName,
} from './permission-catalog.js';

/**
 * What the role may do once assumed: exactly the reviewed catalog, each action on the narrowest resource
 * its API supports, explicit action names only, and nothing that changes the account except
 * securityhub:BatchUpdateFindings.
 */

interface Statement {
  where: string;
  body: JsonObject;
}

/** A Resource entry as the text it denotes: a literal, or the template of a Fn::Sub; null otherwise. */
function resourceText(value: Json): string | null {
  if (typeof value === 'string') return value;
  if (isJsonObject(value) && typeof value['Fn::Sub'] === 'string' && Object.keys(value).length === 1) {
    return value['Fn::Sub'];
  }
  return null;
}

/** The account field of an ARN template, with `${AWS::...}` placeholders (which contain colons) folded. */
function accountOf(arn: string): string | undefined {
  return arn.replace(/\$\{AWS::(\w+)\}/g, '<$1>').split(':')[4];
}

function inlineStatements(template: JsonObject): { statements: Statement[]; problems: string[] } {
  const statements: Statement[] = [];
  const problems: string[] = [];
  for (const { logicalId, properties } of resourcesOfType(template, 'AWS::IAM::Role')) {
    const where = `Resources.${logicalId}.Properties`;
    if (asList(properties['ManagedPolicyArns']).length > 0) {
      problems.push(`${where}.ManagedPolicyArns: managed policies are not allowed; grant actions inline`);
    }
    asList(properties['Policies']).forEach((policy, p) => {
      const document = isJsonObject(policy) ? policy['PolicyDocument'] : undefined;
      if (!isJsonObject(document)) {
        problems.push(`${where}.Policies[${p}]: PolicyDocument must be an inline object that can be checked`);
        return;
      }
      asList(document['Statement']).forEach((body, s) => {
        const at = `${where}.Policies[${p}].Statement[${s}]`;
        if (isJsonObject(body)) statements.push({ where: at, body });
        else problems.push(`${at}: not a statement object`);
      });
    });
  }
  return { statements, problems };
}

function checkStatement({ where, body }: Statement, granted: Set<string>): string[] {
  const problems: string[] = [];
  for (const forbidden of ['NotAction', 'NotResource', 'Principal', 'NotPrincipal']) {
    if (forbidden in body) problems.push(`${where}: ${forbidden} is not allowed in a permission policy`);
  }
  if (body['Effect'] === 'Deny') return problems; // A Deny can only take permissions away.
  if (body['Effect'] !== 'Allow') return [...problems, `${where}: Effect must be Allow or Deny`];

  const resources = asList(body['Resource']).map(resourceText);
  if (resources.length === 0 || resources.includes(null)) {
    problems.push(
      `${where}: Resource must be literal ARNs or Fn::Sub strings, got ${show(body['Resource'])}`,
    );
  }
  for (const resource of resources) {
    if (resource !== null && resource !== ANY_RESOURCE && accountOf(resource) !== '<AccountId>') {
      problems.push(`${where}: resource ${resource} is not limited to this account`);
    }
  }
  for (const action of asList(body['Action'])) {
    if (typeof action !== 'string') {
      problems.push(`${where}: action ${show(action)} is not a literal`);
      continue;
    }
    granted.add(action);
    if (/[*?]/.test(action)) {
      problems.push(`${where}: wildcard action ${action}; list the actions explicitly`);
      continue;
    }
    if (!isReadOnlyByName(action) && !ALLOWED_WRITE_ACTIONS.has(action)) {
      problems.push(
        `${where}: ${action} can change the account; only ${[...ALLOWED_WRITE_ACTIONS].join(', ')} may`,
      );
    }
    const entry = PERMISSION_CATALOG[action];
    if (!entry) {
      problems.push(`${where}: ${action} is not in the permission catalog`);
    } else if (resources.length !== 1 || resources[0] !== entry.resource) {
      problems.push(
        `${where}: ${action} must be granted on exactly ${entry.resource}, got ${show(body['Resource'])}`,
      );
    }
  }
  if (asList(body['Action']).length === 0) problems.push(`${where}: statement lists no Action`);
  return problems;
}

export function checkPermissions(template: JsonObject): string[] {
  const { statements, problems } = inlineStatements(template);
  for (const [logicalId, resource] of Object.entries(section(template, 'Resources'))) {
    const type = resource['Type'];
    if (typeof type === 'string' && type.startsWith('AWS::IAM::') && type !== 'AWS::IAM::Role') {
      problems.push(
        `Resources.${logicalId}: ${type} grants permissions outside the role's checked inline policy`,
      );
    }
  }
  const granted = new Set<string>();
  problems.push(...statements.flatMap((statement) => checkStatement(statement, granted)));
  for (const action of Object.keys(PERMISSION_CATALOG).filter((name) => !granted.has(name))) {
    problems.push(
      `${action} is in the permission catalog but not granted; remove it from the catalog or grant it`,
    );
  }
  return problems;
}
