// graphql-codegen plugin: the persisted query manifest of the documents it is given (issue 16,
// trusted documents). One entry per operation: its body is the operation and the fragments it
// uses, printed by graphql-js, and its id the SHA-256 of that body, so a client that sends the id
// alone and a client that sends the body both match (src/graphql/trusted-documents.ts).
const { createHash } = require("node:crypto");
const { print, visit } = require("graphql");

function fragmentsUsed(node, fragments, seen = new Set()) {
  visit(node, {
    FragmentSpread(spread) {
      const name = spread.name.value;
      if (seen.has(name) || !fragments.has(name)) return;
      seen.add(name);
      fragmentsUsed(fragments.get(name), fragments, seen);
    },
  });
  return seen;
}

module.exports = {
  plugin(_schema, documents) {
    const fragments = new Map();
    const operations = [];
    for (const { document } of documents) {
      for (const definition of document?.definitions ?? []) {
        if (definition.kind === "FragmentDefinition") fragments.set(definition.name.value, definition);
        if (definition.kind === "OperationDefinition") operations.push(definition);
      }
    }
    const entries = operations.map((operation) => {
      const used = [...fragmentsUsed(operation, fragments)].sort().map((name) => fragments.get(name));
      const body = print({ kind: "Document", definitions: [operation, ...used] });
      return {
        id: createHash("sha256").update(body).digest("hex"),
        name: operation.name ? operation.name.value : "",
        type: operation.operation,
        body,
      };
    });
    entries.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    return JSON.stringify({ format: "apollo-persisted-query-manifest", version: 1, operations: entries }, null, 2) + "\n";
  },
};
