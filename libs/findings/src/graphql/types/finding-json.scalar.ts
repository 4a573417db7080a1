import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';

function literal(ast: ValueNode): unknown {
  switch (ast.kind) {
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((f) => [f.name.value, literal(f.value)]));
    case Kind.LIST:
      return ast.values.map(literal);
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.STRING:
    case Kind.BOOLEAN:
    case Kind.ENUM:
      return ast.value;
    default:
      return null;
  }
}

/** Provider data and triage output (resources, observables, enrichment, fingerprint, raw); output-only. */
export const FindingJSON = new GraphQLScalarType({
  name: 'FindingJSON',
  description: 'Any JSON value: finding data as the provider or triage produced it.',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: literal,
});
