import type { IncomingMessage, ServerResponse } from "node:http";
import type { Context } from "../../context.js";
import { isCommitOutcomeUnknown, isDatabaseUnavailable } from "../../db/pg-errors.js";
import { DomainError, ErrorCode, SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS, ServiceUnavailableError, UnauthenticatedError } from "../../errors.js";
import { english, localizeMessage } from "../../i18n/i18n.js";
import { DEFAULT_LANGUAGE } from "../../i18n/languages.js";
import type { Api } from "../../server.js";
import { currentScope } from "../../db/rls/request-scope.js";
import type { Scope } from "./attachment.service.js";
import { contentDisposition } from "./attachment-name.js";
import type { AttachmentRow } from "./attachment.repository.js";

/**
 * The bytes of attachments, over plain HTTP beside /graphql (GraphQL carries their metadata,
 * `Procedure.attachments`). Same token (`Authorization: Bearer`), same policy, same audit, same error
 * shape and codes as GraphQL:
 *
 *   POST /attachments?procedureId=<id>&name=<file name>   body: the file; Content-Type: its type
 *   GET  /attachments/<id>                                the file, as a download
 *
 * Not GraphQL multipart uploads: a multipart/form-data POST is a "simple" request that a browser sends
 * cross-site without a preflight, so such endpoints are a known CSRF vector (Apollo's csrfPrevention
 * refuses them unless a special header is sent); here an upload must carry the bearer token in a
 * header, which no cross-site form or image can set, and the body is the raw file, not a form.
 */
export const ATTACHMENTS_PATH = "/attachments";

const STATUS: Record<string, number> = {
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.SERVICE_UNAVAILABLE]: 503,
};

function statusOf(error: DomainError): number {
  if (error.details.reason === "TOO_LARGE") return 413;
  if (error.details.reason === "TYPE_NOT_ALLOWED" || error.details.reason === "TYPE_MISMATCH") return 415;
  return STATUS[error.code] ?? 400;
}

function sendError(res: ServerResponse, error: DomainError, ctx: Pick<Context, "language"> | null): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const message = localizeMessage(error.message, ctx?.language ?? DEFAULT_LANGUAGE);
  const headers: Record<string, string> = { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" };
  if (error.code === ErrorCode.SERVICE_UNAVAILABLE) headers["retry-after"] = String(SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS);
  // A refused upload may still be arriving: the connection is not reused for another request.
  headers.connection = "close";
  res.writeHead(statusOf(error), headers);
  res.end(JSON.stringify({ errors: [{ message, extensions: { code: error.code, ...error.details } }] }));
}

function metadata(row: AttachmentRow) {
  return {
    id: row.id,
    procedureId: row.procedureId,
    fileName: row.fileName,
    contentType: row.contentType,
    sizeBytes: row.sizeBytes,
    sha256: row.sha256,
    createdAt: row.createdAt.toISOString(),
    downloadPath: `${ATTACHMENTS_PATH}/${row.id}`,
  };
}

/** Answers /attachments and /attachments/<id>; anything else under the path is NOT_FOUND. */
export async function serveAttachments(api: Api, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  let ctx: Context | null = null;
  try {
    // Each database step in a request transaction of its own with the viewer set, as GraphQL requests
    // run (issue 13); the context itself is built in one, as over /graphql.
    const built = await api.live.inRequest(() => api.createContext(req.headers, req.socket.remoteAddress));
    ctx = built;
    const viewer = built.viewer;
    // Pentest G5: the same reason as GraphQL gives (context.ts requireViewer), so a client knows what to do.
    if (!viewer) throw new UnauthenticatedError(built.authFailure ?? english("error.unauthenticated"), built.authFailureReason ?? undefined);
    const scope: Scope = (work) =>
      api.live.inRequest(async () => {
        await currentScope()?.setViewer({ viewer, now: built.now });
        return work();
      });
    const rest = url.pathname.slice(ATTACHMENTS_PATH.length);
    if (req.method === "POST" && rest === "") {
      const length = req.headers["content-length"];
      const row = await api.services.attachments.upload(viewer, built.audit, {
        procedureId: url.searchParams.get("procedureId") ?? "",
        name: url.searchParams.get("name") ?? "",
        contentType: req.headers["content-type"],
        contentLength: length === undefined ? undefined : Number(length),
        body: req,
      }, scope);
      res.writeHead(201, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
      res.end(JSON.stringify({ attachment: metadata(row) }));
      return;
    }
    const id = rest.match(/^\/([^/]+)$/)?.[1];
    if ((req.method === "GET" || req.method === "HEAD") && id) {
      const download = await api.services.attachments.download(built, attachmentIdOf(id), scope);
      const { attachment } = download;
      res.writeHead(200, {
        "content-type": attachment.contentType,
        "content-length": String(attachment.sizeBytes),
        "content-disposition": contentDisposition(attachment.fileName),
        "x-content-type-options": "nosniff",
        "cache-control": "no-store",
        "content-security-policy": "default-src 'none'; sandbox",
      });
      if (req.method === "HEAD") return void res.end();
      let sent = 0;
      for await (const chunk of download.chunks()) {
        sent += chunk.length;
        // Backpressure: a slow reader holds at most one chunk here, not the file.
        if (!res.write(chunk)) await new Promise<void>((resolve) => res.once("drain", resolve));
      }
      // Fewer bytes than announced (deleted meanwhile): the client sees a cut download, never a short file.
      if (sent !== attachment.sizeBytes) return void res.destroy();
      res.end();
      return;
    }
    res.writeHead(405, { allow: "GET, HEAD, POST", "content-type": "application/json; charset=utf-8" });
    const message = localizeMessage(english("attachment.method"), ctx.language ?? DEFAULT_LANGUAGE);
    res.end(JSON.stringify({ errors: [{ message, extensions: { code: "BAD_REQUEST" } }] }));
  } catch (err) {
    if (err instanceof DomainError) return sendError(res, err, ctx);
    if (isDatabaseUnavailable(err)) return sendError(res, new ServiceUnavailableError(isCommitOutcomeUnknown(err)), ctx);
    throw err;
  }
}

/**
 * The id in the download path. Found from outside: a malformed percent-escape (`/attachments/%ZZ`)
 * threw a URIError past the route's error handling and answered 500; it names no attachment, and is
 * answered as an unknown id.
 */
function attachmentIdOf(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return "";
  }
}
