import type { CodegenConfig } from "@graphql-codegen/cli";

/** One style for both outputs: typed document nodes, enums as string unions, scalars as strings. */
const clientConfig = {
  emitLegacyCommonJSImports: false,
  useTypeImports: true,
  enumsAsTypes: true,
  scalars: { DateTime: "string", ID: "string" },
  strictScalars: true,
};

/**
 * Typed documents from the emitted schema (`npm run codegen`; CI fails when either output is stale):
 * - test/generated/: the operations the tests write with `graphql(...)`, so tests are type-checked
 *   against the schema;
 * - examples/generated/: the operations a frontend or a national portal needs
 *   (examples/operations/*.graphql), importable as `LoginDocument`, `ProceduresDocument`, … by any
 *   client that takes a TypedDocumentNode (docs/api-guide.md).
 */
const config: CodegenConfig = {
  schema: "schema/schema.graphql",
  ignoreNoDocuments: false,
  generates: {
    "test/generated/": {
      documents: ["test/**/*.ts", "bench/**/*.ts", "!test/generated/**"],
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: clientConfig,
    },
    "examples/generated/": {
      documents: ["examples/operations/*.graphql"],
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: clientConfig,
    },
  },
};

export default config;
