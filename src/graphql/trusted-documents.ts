import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError, Kind, parse, print, type DocumentNode } from "graphql";
import type { Context } from "../context.js";
import { ErrorCode } from "../errors.js";

/**
 * Trusted documents (issue 16): with TRUSTED_DOCUMENTS=<manifest>[,<manifest>…] the server executes
 * only the operations listed in those manifests (`npm run codegen` writes one for examples/operations,
 * and one for a client's own operations: docs/api-guide.md). A client sends the document's id alone
 * (Apollo's `extensions.persistedQuery.sha256Hash`, or `documentId`), or the document itself; anything
 * not listed is refused with UNTRUSTED_DOCUMENT, over HTTP and over WebSocket alike.
 *
 * The manifest is Apollo's persisted query manifest format: { format, version, operations: [{ id, name, type, body }] },
 * `id` the SHA-256 of `body` in hex.
 */
export const MANIFEST_FORMAT = "apollo-persisted-query-manifest";

export const UNTRUSTED_DOCUMENT = ErrorCode.UNTRUSTED_DOCUMENT;

export interface ManifestOperation {
  id: string;
  name: string;
  type: "query" | "mutation" | "subscription";
  body: string;
}

export interface TrustedDocuments {
  /** The document of an id, or undefined when no manifest lists it. */
  byId(id: string): string | undefined;
  /** Whether a parsed document is one of the listed operations (compared printed, so spacing does not matter). */
  allows(document: DocumentNode): boolean;
  readonly size: number;
  /** The names of the listed operations (pentest G3: the metrics label only names the server knows). */
  readonly operationNames: ReadonlySet<string>;
}

export const sha256Hex = (text: string): string => createHash("sha256").update(text).digest("hex");

export class TrustedDocumentsError extends Error {}

/** The manifests' operations, checked: each id must be the SHA-256 of its body, and each body must parse. */
export function trustedDocumentsFrom(manifests: { source: string; json: unknown }[]): TrustedDocuments {
  const bodies = new Map<string, string>();
  const printed = new Set<string>();
  const operationNames = new Set<string>();
  for (const { source, json } of manifests) {
    const manifest = json as { format?: unknown; version?: unknown; operations?: unknown };
    if (manifest?.format !== MANIFEST_FORMAT || manifest.version !== 1 || !Array.isArray(manifest.operations)) {
      throw new TrustedDocumentsError(`${source} is not a persisted query manifest (format "${MANIFEST_FORMAT}", version 1, operations).`);
    }
    for (const operation of manifest.operations as Partial<ManifestOperation>[]) {
      if (typeof operation?.id !== "string" || typeof operation.body !== "string") {
        throw new TrustedDocumentsError(`${source}: every operation needs an id and a body.`);
      }
      const id = operation.id.replace(/^sha256:/, "");
      if (sha256Hex(operation.body) !== id) throw new TrustedDocumentsError(`${source}: operation ${operation.name ?? id} has an id that is not the SHA-256 of its body.`);
      let document: DocumentNode;
      try {
        document = parse(operation.body);
      } catch (error) {
        throw new TrustedDocumentsError(`${source}: operation ${operation.name ?? id} does not parse (${(error as Error).message}).`);
      }
      bodies.set(id, operation.body);
      printed.add(print(document));
      for (const definition of document.definitions) {
        if (definition.kind === Kind.OPERATION_DEFINITION && definition.name) operationNames.add(definition.name.value);
      }
    }
  }
  return {
    byId: (id) => bodies.get(id.replace(/^sha256:/, "")),
    allows: (document) => printed.has(print(document)),
    size: bodies.size,
    operationNames,
  };
}

/** TRUSTED_DOCUMENTS: comma-separated manifest paths. */
export function loadTrustedDocuments(paths: readonly string[]): TrustedDocuments {
  return trustedDocumentsFrom(
    paths.map((path) => {
      let text: string;
      try {
        text = readFileSync(path, "utf8");
      } catch (error) {
        throw new TrustedDocumentsError(`cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
      }
      try {
        return { source: path, json: JSON.parse(text) as unknown };
      } catch {
        throw new TrustedDocumentsError(`${path} is not JSON.`);
      }
    }),
  );
}

export function untrustedDocumentError(): GraphQLError {
  return new GraphQLError(
    "This server executes only trusted documents: send the id of an operation listed in its manifest (extensions.persistedQuery.sha256Hash or documentId).",
    { extensions: { code: UNTRUSTED_DOCUMENT, http: { status: 400 } } },
  );
}

/**
 * Apollo's persisted-query cache replaced by the manifests: an id is looked up there, and nothing a
 * client sends is ever registered (Apollo's default cache would learn any document).
 */
export function manifestPersistedQueries(trusted: TrustedDocuments) {
  return {
    cache: {
      // Apollo prefixes its keys ("apq:<hash>") in the cache it is given.
      get: async (key: string) => trusted.byId(key.replace(/^apq:/, "")),
      set: async () => {},
      delete: async () => {},
    },
  };
}

/** Refuses, after parsing and before execution, every operation no manifest lists. */
export function trustedDocumentsPlugin(trusted: TrustedDocuments): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document }) {
          if (!trusted.allows(document)) throw untrustedDocumentError();
        },
      };
    },
  };
}

/**
 * The `documentId` of the GraphQL-over-HTTP trusted documents convention ("sha256:<hex>" or the hex
 * alone), as Apollo's persisted-query extension, which Apollo then resolves through the manifests.
 */
export function documentIdAsPersistedQuery(body: unknown): unknown {
  if (!body || typeof body !== "object" || Array.isArray(body)) return body;
  const { documentId, ...rest } = body as Record<string, unknown>;
  if (typeof documentId !== "string" || rest.query !== undefined) return body;
  const extensions = (rest.extensions && typeof rest.extensions === "object" ? rest.extensions : {}) as Record<string, unknown>;
  return { ...rest, extensions: { ...extensions, persistedQuery: { version: 1, sha256Hash: documentId.replace(/^sha256:/, "") } } };
}

/** For main.ts: the manifests, or one line saying which is wrong and exit code 1. */
export function loadTrustedDocumentsOrExit(paths: readonly string[]): TrustedDocuments {
  try {
    return loadTrustedDocuments(paths);
  } catch (error) {
    if (!(error instanceof TrustedDocumentsError)) throw error;
    console.error(`Configuration error: TRUSTED_DOCUMENTS: ${error.message}`);
    process.exit(1);
  }
}
