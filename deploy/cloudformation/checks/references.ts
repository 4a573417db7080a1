import { asList, isJsonObject, section, type Json, type JsonObject } from '../template-model.js';

/**
 * Every name an intrinsic function mentions must be declared. CloudFormation only finds a dangling
 * `!Ref` when a customer deploys; a misspelt condition in `!If` can even deploy and do the wrong thing.
 * Unused parameters and conditions are reported too: in these templates an unused ExternalId would
 * mean the trust policy lost its condition.
 */

/** https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html */
export const PSEUDO_PARAMETERS: ReadonlySet<string> = new Set([
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::NoValue',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
]);

/** `${Name}` and `${Resource.Attribute}` in a Fn::Sub string; `${!Literal}` is an escape, not a reference. */
export function subVariables(template: string): string[] {
  return [...template.matchAll(/\$\{([^}]*)\}/g)]
    .map((match) => (match[1] ?? '').trim())
    .filter((name) => !name.startsWith('!'));
}

interface Scope {
  parameters: Set<string>;
  resources: Set<string>;
  conditions: Set<string>;
  mappings: Set<string>;
}

class ReferenceWalker {
  readonly problems: string[] = [];
  readonly usedParameters = new Set<string>();
  readonly usedConditions = new Set<string>();

  constructor(private readonly scope: Scope) {}

  walk(value: Json, path: string, locals: ReadonlySet<string> = new Set()): void {
    if (Array.isArray(value)) {
      value.forEach((item, index) => this.walk(item, `${path}[${index}]`, locals));
      return;
    }
    if (!isJsonObject(value)) return;
    for (const [key, child] of Object.entries(value)) {
      this.visit(key, child, `${path}.${key}`, locals);
    }
  }

  private visit(key: string, value: Json, path: string, locals: ReadonlySet<string>): void {
    switch (key) {
      case 'Ref':
        if (typeof value === 'string') this.name(value, path, locals, false);
        return;
      case 'Fn::GetAtt':
        this.getAtt(value, path, locals);
        return;
      case 'Fn::Sub':
        this.sub(value, path, locals);
        return;
      case 'Fn::If':
        if (Array.isArray(value) && typeof value[0] === 'string') this.condition(value[0], path);
        this.walk(Array.isArray(value) ? value.slice(1) : value, path, locals);
        return;
      case 'Condition':
        // A string here is a condition name: a resource's or output's Condition attribute, or !Condition.
        // IAM policy Condition blocks are objects and are walked like any other value.
        if (typeof value === 'string') this.condition(value, path);
        else this.walk(value, path, locals);
        return;
      case 'Fn::FindInMap':
        if (Array.isArray(value) && typeof value[0] === 'string' && !this.scope.mappings.has(value[0])) {
          this.problems.push(`${path}: mapping "${value[0]}" is not declared`);
        }
        this.walk(value, path, locals);
        return;
      case 'DependsOn':
        for (const target of asList(value)) {
          if (typeof target === 'string' && !this.scope.resources.has(target)) {
            this.problems.push(`${path}: DependsOn names "${target}", which is not a resource`);
          }
        }
        return;
      default:
        this.walk(value, path, locals);
    }
  }

  /** A name used by Ref or a plain `${Name}`: parameter, resource, pseudo parameter or Sub variable. */
  private name(name: string, path: string, locals: ReadonlySet<string>, allowLocal: boolean): void {
    if (allowLocal && locals.has(name)) return;
    if (this.scope.parameters.has(name)) {
      this.usedParameters.add(name);
      return;
    }
    if (this.scope.resources.has(name) || PSEUDO_PARAMETERS.has(name)) return;
    this.problems.push(`${path}: "${name}" is not a declared parameter, resource or pseudo parameter`);
  }

  private attribute(resource: string, path: string): void {
    if (!this.scope.resources.has(resource)) {
      this.problems.push(`${path}: Fn::GetAtt names "${resource}", which is not a resource`);
    }
  }

  private getAtt(value: Json, path: string, locals: ReadonlySet<string>): void {
    // Long form allows ["Resource", "Attribute"] and the string "Resource.Attribute".
    const resource = Array.isArray(value) ? value[0] : typeof value === 'string' ? value.split('.')[0] : null;
    if (typeof resource === 'string') this.attribute(resource, path);
    else this.problems.push(`${path}: Fn::GetAtt needs a literal resource name`);
    if (Array.isArray(value)) this.walk(value.slice(1), path, locals);
  }

  private sub(value: Json, path: string, locals: ReadonlySet<string>): void {
    const [text, variables] = Array.isArray(value) ? [value[0], value[1]] : [value, undefined];
    const ownLocals = new Set(locals);
    if (isJsonObject(variables)) {
      Object.keys(variables).forEach((name) => ownLocals.add(name));
      this.walk(variables, `${path}[1]`, locals);
    }
    if (typeof text !== 'string') {
      this.problems.push(`${path}: Fn::Sub needs a literal string`);
      return;
    }
    for (const variable of subVariables(text)) {
      const dot = variable.indexOf('.');
      if (dot > 0) this.attribute(variable.slice(0, dot), path);
      else this.name(variable, path, ownLocals, true);
    }
  }

  private condition(name: string, path: string): void {
    this.usedConditions.add(name);
    if (!this.scope.conditions.has(name)) this.problems.push(`${path}: condition "${name}" is not declared`);
  }
}

export function checkReferences(template: JsonObject): string[] {
  const scope: Scope = {
    parameters: new Set(Object.keys(section(template, 'Parameters'))),
    resources: new Set(Object.keys(section(template, 'Resources'))),
    conditions: new Set(Object.keys(isJsonObject(template['Conditions']) ? template['Conditions'] : {})),
    mappings: new Set(Object.keys(section(template, 'Mappings'))),
  };
  const walker = new ReferenceWalker(scope);
  for (const [key, value] of Object.entries(template)) {
    // Parameter declarations and the console Metadata name parameters as plain strings, not references.
    if (key === 'Parameters' || key === 'Metadata') continue;
    walker.walk(value, key);
  }
  const unusedParameters = [...scope.parameters].filter((name) => !walker.usedParameters.has(name));
  const unusedConditions = [...scope.conditions].filter((name) => !walker.usedConditions.has(name));
  return [
    ...walker.problems,
    ...unusedParameters.map((name) => `Parameters.${name}: declared but never used`),
    ...unusedConditions.map((name) => `Conditions.${name}: declared but never used`),
  ];
}
