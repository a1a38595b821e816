import type { IncomingMessage, ServerResponse } from "node:http";
import { DomainError } from "../../errors.js";
import { LANGUAGES, negotiateLanguage, type Language } from "../../i18n/languages.js";
import type { Api } from "../../server.js";
import { statisticsPage } from "./statistics.page.js";

export const STATISTICS_PATH = "/statistics";

/**
 * Issue 18: `/statistics`, the public figures as a page of the API itself, without login. `?lang=` or
 * Accept-Language picks the language; `?from=YYYY-MM&to=YYYY-MM` the months; `?format=json` the data.
 */
export async function serveStatistics(api: Api, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { allow: "GET, HEAD" }).end();
    return;
  }
  const lang = url.searchParams.get("lang");
  const language = negotiateLanguage(req.headers["accept-language"], (LANGUAGES as readonly string[]).includes(lang ?? "") ? (lang as Language) : null);
  try {
    const data = await api.services.statistics.publicStatistics({ fromMonth: url.searchParams.get("from"), toMonth: url.searchParams.get("to") });
    const json = url.searchParams.get("format") === "json";
    const body = json ? JSON.stringify(data) : statisticsPage(language, data);
    res.writeHead(200, {
      "content-type": json ? "application/json; charset=utf-8" : "text/html; charset=utf-8",
      "cache-control": "public, max-age=300",
      "x-content-type-options": "nosniff",
      // Nothing but this page's own inline style: no script, nothing fetched from elsewhere.
      "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'",
      "content-language": language,
    });
    res.end(req.method === "HEAD" ? undefined : body);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    res.writeHead(400, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify({ error: error.message, code: error.code }));
  }
}
