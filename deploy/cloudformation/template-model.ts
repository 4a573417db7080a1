/**
 * The little model of a parsed template that the checks share: JSON values, and typed access to the
 * sections without casting `unknown` at every call site.
 */

export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** IAM and CloudFormation accept a single value where a list is allowed; checks compare lists. */
export function asList(value: Json | undefined): Json[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** A template section (`Parameters`, `Resources`, ...) as a map of objects; absent sections are empty. */
export function section(template: JsonObject, name: string): Record<string, JsonObject> {
  const value = template[name];
  if (!isJsonObject(value)) return {};
  const entries = Object.entries(value).filter((entry): entry is [string, JsonObject] =>
    isJsonObject(entry[1]),
  );
  return Object.fromEntries(entries);
}

export interface NamedResource {
  logicalId: string;
  properties: JsonObject;
}

/** Every resource of one type, with its properties (an absent Properties block reads as empty). */
export function resourcesOfType(template: JsonObject, type: string): NamedResource[] {
  return Object.entries(section(template, 'Resources'))
    .filter(([, resource]) => resource['Type'] === type)
    .map(([logicalId, resource]) => {
      const properties = resource['Properties'];
      return { logicalId, properties: isJsonObject(properties) ? properties : {} };
    });
}

/** True when `value` is exactly `{ "Ref": name }`. */
export function isRefTo(value: Json | undefined, name: string): boolean {
  return isJsonObject(value) && Object.keys(value).length === 1 && value['Ref'] === name;
}

/** Renders a value for a problem message. */
export function show(value: Json | undefined): string {
  return JSON.stringify(value) ?? 'undefined';
}
