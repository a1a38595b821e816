import type { CodegenConfig } from "@graphql-codegen/cli";

/**
 * Typed documents from the emitted schema and the operations the tests write with `graphql(...)`,
 * so tests are type-checked against the schema (`npm run codegen`; CI fails when stale).
 */
const config: CodegenConfig = {
  schema: "schema/schema.graphql",
  documents: ["test/**/*.ts", "bench/**/*.ts", "!test/generated/**"],
  ignoreNoDocuments: false,
  generates: {
    "test/generated/": {
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: {
        emitLegacyCommonJSImports: false,
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: "string", ID: "string" },
        strictScalars: true,
      },
    },
  },
};

export default config;
