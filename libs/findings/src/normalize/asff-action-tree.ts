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
  const service = unflatten(productFields);
  const structured = camelCaseKeys(action);
  if (isRecord(structured)) service.action = overlay(service.action, structured);
  return service;
}

/** Keys "aws/guardduty/service/a/b/c" → { a: { b: { c } } }; other keys are ignored. */
function unflatten(fields: unknown): Record<string, unknown> {
  const tree: Record<string, unknown> = {};
  if (!isRecord(fields)) return tree;
  for (const key of Object.keys(fields)) {
    const value = fields[key];
    if (typeof value !== 'string' || !key.startsWith(GUARDDUTY_FIELDS)) continue;
    const path = pathOf(key);
    if (path === null) continue;
    const last = path.length - 1;
    let node = tree;
    for (let i = 0; i < last; i++) {
      // GuardDuty also emits "…/city" = "" beside "…/city/cityName": the nested object wins.
      const child = node[path[i]];
      node = isRecord(child) ? child : (node[path[i]] = {});
    }
    if (!isRecord(node[path[last]])) node[path[last]] = value;
  }
  return tree;
}

/**
 * The steps of a ProductFields key below GUARDDUTY_FIELDS (null when one would reach a prototype), remembered: the
 * same few dozen keys come in every GuardDuty finding, and a step freshly cut from its key is a new string V8
 * must look up in its string table before it can name a property (that made rebuilding the tree the largest
 * part of normalising a finding). Bounded, so that odd keys cannot grow it without limit.
 */
const PATHS = new Map<string, readonly string[] | null>();
const MAX_REMEMBERED_KEYS = 4_096;

function pathOf(key: string): readonly string[] | null {
  let path = PATHS.get(key);
  if (path === undefined) {
    const steps = key.slice(GUARDDUTY_FIELDS.length).split('/');
    path = steps.some((step) => UNSAFE_KEYS.has(step)) ? null : steps;
    if (PATHS.size < MAX_REMEMBERED_KEYS) PATHS.set(key, path);
  }
  return path;
}

/** PascalCase keys → camelCase, recursively (IpAddressV4 → ipAddressV4, City.CityName → city.cityName). */
function camelCaseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelCaseKeys);
  if (!isRecord(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [camelCaseKey(key), camelCaseKeys(inner)]),
  );
}

/** Remembered for the same reason as `pathOf`: a built key is a new string to look up for every finding. */
const CAMEL_KEYS = new Map<string, string>();

function camelCaseKey(key: string): string {
  let camel = CAMEL_KEYS.get(key);
  if (camel === undefined) {
    camel = key.charAt(0).toLowerCase() + key.slice(1);
    if (CAMEL_KEYS.size < MAX_REMEMBERED_KEYS) CAMEL_KEYS.set(key, camel);
  }
  return camel;
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
