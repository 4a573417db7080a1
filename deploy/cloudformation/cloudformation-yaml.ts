import { readFileSync } from 'node:fs';
import {
  parseDocument,
  visit,
  type CollectionTag,
  type ScalarTag,
  type Tags,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';

import { isJsonObject, type JsonObject } from './template-model.js';

/**
 * Reads CloudFormation YAML into the long JSON form that CloudFormation itself evaluates, so that the
 * checks look at one shape only: `!Ref X` becomes `{ "Ref": "X" }`, `!Sub s` becomes `{ "Fn::Sub": s }`.
 *
 * The parser is strict on purpose. CloudFormation rejects what it cannot read when a customer deploys,
 * which is too late; here an unknown tag, a tag used with the wrong kind of node, a duplicate key or a
 * second document is an error in the unit tests instead.
 *
 * Only the short forms CloudFormation documents for the base language are known. Language-extension
 * functions (`Fn::ToJsonString`, `Fn::Length`, ...) have no short form in our templates; a template that
 * needs them writes the long form, which is plain YAML and needs nothing from this file.
 */

type NodeKind = 'scalar' | 'seq' | 'map';

/** Which YAML node each short form may be written on, as CloudFormation's own reader accepts them. */
const SHORT_FORMS: Readonly<Record<string, readonly NodeKind[]>> = {
  Ref: ['scalar'],
  Condition: ['scalar'],
  Sub: ['scalar', 'seq'],
  GetAtt: ['scalar', 'seq'],
  Base64: ['scalar', 'map'],
  GetAZs: ['scalar', 'map'],
  ImportValue: ['scalar', 'map'],
  If: ['seq'],
  Equals: ['seq'],
  Not: ['seq'],
  And: ['seq'],
  Or: ['seq'],
  Join: ['seq'],
  Select: ['seq'],
  Split: ['seq'],
  FindInMap: ['seq'],
  Cidr: ['seq'],
};

/** `Ref` and `Condition` keep their name; every other short form is a `Fn::` function. */
function longFormKey(name: string): string {
  return name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
}

/**
 * `!GetAtt Resource.Attribute` splits at the first dot only: attribute names may contain dots
 * (`Endpoint.Address`, a nested stack's `Outputs.Name`), logical IDs never do.
 */
function resolveGetAttScalar(value: string, onError: (message: string) => void): unknown {
  const dot = value.indexOf('.');
  if (dot <= 0 || dot === value.length - 1) {
    onError(`!GetAtt needs "LogicalId.Attribute", got "${value}"`);
    return { 'Fn::GetAtt': [value] };
  }
  return { 'Fn::GetAtt': [value.slice(0, dot), value.slice(dot + 1)] };
}

function scalarTag(name: string): ScalarTag {
  const key = longFormKey(name);
  return {
    tag: `!${name}`,
    resolve: (value, onError) => (name === 'GetAtt' ? resolveGetAttScalar(value, onError) : { [key]: value }),
  };
}

function collectionTag(name: string, collection: 'seq' | 'map'): CollectionTag {
  const key = longFormKey(name);
  return {
    tag: `!${name}`,
    collection,
    // Children were composed first, so nested short forms are already long-form objects here. An alias
    // cannot be resolved this early (toJSON would turn it into { source }), so it is refused instead.
    resolve: (node: YAMLMap.Parsed | YAMLSeq.Parsed, onError) => {
      visit(node, {
        Alias: () => {
          onError(
            `!${name}: YAML aliases inside short-form functions are not supported; write the value out`,
          );
          return visit.BREAK;
        },
      });
      return { [key]: node.toJSON() };
    },
  };
}

/** The `yaml` package's customTags for every CloudFormation short form, in each form it may take. */
export const cloudFormationTags: Tags = Object.entries(SHORT_FORMS).flatMap(([name, kinds]) =>
  kinds.map((kind) => (kind === 'scalar' ? scalarTag(name) : collectionTag(name, kind))),
);

/** Parses template text; throws with every YAML error and warning (unknown tags are warnings in `yaml`). */
export function parseCloudFormationYaml(text: string, source = 'template'): JsonObject {
  const doc = parseDocument(text, { customTags: cloudFormationTags, uniqueKeys: true, prettyErrors: true });
  const problems = [...doc.errors, ...doc.warnings];
  if (problems.length > 0) {
    throw new Error(`${source}: invalid CloudFormation YAML:\n${problems.map((p) => p.message).join('\n')}`);
  }
  const value: unknown = doc.toJS();
  if (!isJsonObject(value)) {
    throw new Error(`${source}: a CloudFormation template must be a mapping at the top level`);
  }
  return value;
}

/** Loads a template file from disk (tests and tooling; the API never reads templates at run time). */
export function loadCloudFormationTemplate(path: string): JsonObject {
  return parseCloudFormationYaml(readFileSync(path, 'utf8'), path);
}
