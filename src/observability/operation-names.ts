import type { GraphQLSchema } from "graphql";
import type { TrustedDocuments } from "../graphql/trusted-documents.js";

/**
 * Pentest G3: the operation names the metrics label keeps (observability/metrics.ts), all of them the
 * server's own, so the label is bounded by the schema and never carries what a client typed: each
 * root field's name, as is and capitalized (`login`, `Login`: the examples' and most clients' habit of
 * naming an operation after its field), and the operations of the trusted-documents manifests when
 * loaded (TRUSTED_DOCUMENTS, which `npm run codegen` writes for examples/operations).
 */
export function knownOperationNames(schema: GraphQLSchema, trusted?: TrustedDocuments): Set<string> {
  const names = new Set<string>(trusted?.operationNames ?? []);
  for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    for (const field of Object.keys(root?.getFields() ?? {})) {
      names.add(field);
      names.add(field.charAt(0).toUpperCase() + field.slice(1));
    }
  }
  return names;
}
