import { isRecord } from './read.js';

/** Where GuardDuty's flattened `service` section lives in ASFF ProductFields. */
const GUARDDUTY_FIELDS = 'aws/guardduty/service/';

/** Keys that would reach an object's prototype if used as property names: never copied from input. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * GuardDuty's `service` section as it survives in an ASFF finding, in native camelCase: the flattened
 * ProductFields (`aws/guardduty/service/action/awsApiCallAction/remoteIpDetails/ipAddressV4`…) rebuilt into a
 * tree, overlaid with the structured `Action` (PascalCase, converted), which wins where both speak: it is typed
 * (numbers, booleans) and keeps arrays such as port-probe details that ProductFields cannot express.
 */
export function guardDutyServiceTree(productFields: unknown, action: unknown): Record<string, unknown> {
  const service = unflatten(productFields, GUARDDUTY_FIELDS);
  const structured = camelCaseKeys(action);
  if (isRecord(structured)) service.action = overlay(service.action, structured);
  return service;
}

/** Keys "a/b/c" under `prefix` → { a: { b: { c } } }; other keys are ignored. */
function unflatten(fields: unknown, prefix: string): Record<string, unknown> {
  const tree: Record<string, unknown> = {};
  if (!isRecord(fields)) return tree;
  for (const [key, value] of Object.entries(fields)) {
    if (!key.startsWith(prefix) || typeof value !== 'string') continue;
    const path = key.slice(prefix.length).split('/');
    if (path.some((step) => UNSAFE_KEYS.has(step))) continue;
    const leaf = path.pop() as string;
    let node = tree;
    for (const step of path) {
      // GuardDuty also emits "…/city" = "" beside "…/city/cityName": the nested object wins.
      if (!isRecord(node[step])) node[step] = {};
      node = node[step] as Record<string, unknown>;
    }
    if (!isRecord(node[leaf])) node[leaf] = value;
  }
  return tree;
}

/** PascalCase keys → camelCase, recursively (IpAddressV4 → ipAddressV4, City.CityName → city.cityName). */
function camelCaseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelCaseKeys);
  if (!isRecord(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key.charAt(0).toLowerCase() + key.slice(1),
      camelCaseKeys(inner),
    ]),
  );
}

/** `top` over `base`, key by key through nested objects; arrays and scalars of `top` replace those of `base`. */
function overlay(base: unknown, top: unknown): unknown {
  if (!isRecord(base) || !isRecord(top)) return top ?? base;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(top)) {
    if (!UNSAFE_KEYS.has(key)) merged[key] = overlay(base[key], value);
  }
  return merged;
}
