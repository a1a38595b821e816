import type { GraphQLField, GraphQLNamedType, GraphQLObjectType, GraphQLSchema, GraphQLType } from "graphql";

/** The named type under lists and non-nulls. */
export function namedType(type: GraphQLType): GraphQLNamedType {
  let t = type as GraphQLType & { ofType?: GraphQLType };
  while (t.ofType) t = t.ofType as GraphQLType & { ofType?: GraphQLType };
  return t as GraphQLNamedType;
}

// By constructor name: vitest may load graphql twice (ESM and CJS), which breaks instanceof checks.
export function isObject(type: GraphQLNamedType): type is GraphQLObjectType {
  return type.constructor.name === "GraphQLObjectType";
}

/**
 * A selection of every field of `type` without arguments, objects nested down to `depth`: so the
 * matrix asks for every field the schema has, new ones included, without anyone listing them.
 */
export function selectAll(schema: GraphQLSchema, typeName: string, depth: number): string {
  const type = schema.getType(typeName);
  if (!type || !isObject(type)) throw new Error(`${typeName} is not an object type`);
  const parts = Object.values(type.getFields() as Record<string, GraphQLField<unknown, unknown>>)
    .filter((field) => field.args.every((arg) => !String(arg.type).endsWith("!")))
    .flatMap((field) => {
      const inner = namedType(field.type);
      if (!isObject(inner)) return [field.name];
      return depth > 0 ? [`${field.name} { ${selectAll(schema, inner.name, depth - 1)} }`] : [];
    });
  return parts.join(" ");
}
