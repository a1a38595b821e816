import type { CodegenConfig } from "@graphql-codegen/cli";

/** One style for both outputs: typed document nodes, enums as string unions, scalars as strings. */
const clientConfig = {
  emitLegacyCommonJSImports: false,
  useTypeImports: true,
  enumsAsTypes: true,
  scalars: { DateTime: "string", ID: "string" },
  strictScalars: true,
};

const TRUSTED_DOCUMENTS_PLUGIN = "./scripts/trusted-documents.codegen.cjs";

/**
 * A client's own manifest: `CLIENT_OPERATIONS='src/**\/*.graphql' CLIENT_MANIFEST=out.json npm run codegen`
 * writes the manifest of its operations too (docs/api-guide.md, "Trusted documents").
 */
function clientManifest(): CodegenConfig["generates"] {
  const operations = process.env.CLIENT_OPERATIONS;
  if (!operations) return {};
  return {
    [process.env.CLIENT_MANIFEST || "client-trusted-documents.json"]: {
      documents: operations.split(",").map((glob) => glob.trim()),
      plugins: [TRUSTED_DOCUMENTS_PLUGIN],
    },
  };
}

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
    // Issue 16 item 5: every enum of the schema as a string union, ErrorCode and ErrorReason among
    // them. The client preset types only the enums an operation selects, and no field returns these:
    // a frontend switches on `error.extensions.code` and `.reason` with them.
    "examples/generated/enums.ts": {
      plugins: ["typescript"],
      config: { onlyEnums: true, enumsAsTypes: true },
    },
    // Trusted documents (issue 16): the manifest a server runs with TRUSTED_DOCUMENTS=<this file>.
    "examples/generated/trusted-documents.json": {
      documents: ["examples/operations/*.graphql"],
      plugins: [TRUSTED_DOCUMENTS_PLUGIN],
    },
    ...clientManifest(),
  },
};

export default config;
