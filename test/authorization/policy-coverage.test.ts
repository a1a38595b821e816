import { describe, expect, it } from "vitest";
import { POLICY } from "../../src/auth/policy.js";
import { buildGraphQLSchema } from "../../src/graphql/build-schema.js";

/** Every field of every object type of the schema, as `Type.field`. */
async function schemaFields(): Promise<string[]> {
  const schema = await buildGraphQLSchema();
  return Object.values(schema.getTypeMap())
    // By constructor name: vitest may load graphql twice (ESM and CJS), which breaks instanceof checks.
    .filter((type) => type.constructor.name === "GraphQLObjectType" && !type.name.startsWith("__"))
    .flatMap((type) => Object.keys((type as { getFields(): Record<string, unknown> }).getFields()).map((field) => `${type.name}.${field}`))
    .sort();
}

const policyFields = () =>
  Object.entries(POLICY)
    .flatMap(([type, fields]) => Object.keys(fields).map((field) => `${type}.${field}`))
    .sort();

describe("the need-to-know policy", () => {
  it("R-SEC-1 names every field of the schema, so that a new field is denied until someone decides", async () => {
    const fields = await schemaFields();
    const covered = new Set(policyFields());
    expect(fields.filter((field) => !covered.has(field))).toEqual([]);
    expect(fields.length).toBeGreaterThan(150);
  });

  it("names no field the schema does not have (no stale entries that hide a rename)", async () => {
    const fields = new Set(await schemaFields());
    expect(policyFields().filter((field) => !fields.has(field))).toEqual([]);
  });
});
