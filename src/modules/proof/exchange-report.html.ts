import type { ExchangeReportContentData } from "./exchange-report.payload.js";

/**
 * R-PROOF-1: the report for people. One self-contained page (no script, no external resource) that
 * renders the signed content and carries the JWS itself, so the printout and the proof travel
 * together. Every value is escaped: messages and names are user input.
 */

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const e = (value: string | null | undefined): string => (value === null || value === undefined ? "—" : escapeHtml(value));
const time = (value: Date | null): string => (value ? escapeHtml(value.toISOString()) : "—");

function table(headers: string[], rows: string[][], empty: string): string {
  if (rows.length === 0) return `<p class="empty">${escapeHtml(empty)}</p>`;
  const head = headers.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join("");
  const body = rows.map((cells) => `<tr>${cells.map((c) => `<td>${c}</td>`).join("")}</tr>`).join("\n");
  return `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

const authority = (a: { name: string; memberState: string }) => `${e(a.name)} (${e(a.memberState)})`;

const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; color: #1b1b1b; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin-bottom: .25rem; } h2 { font-size: 1.1rem; margin-top: 2rem; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; vertical-align: top; padding: .3rem .5rem; border-bottom: 1px solid #e4e4e4; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; } dt { font-weight: 600; } dd { margin: 0; }
.body { white-space: pre-wrap; } .empty { color: #666; } .confidential { color: #a00; font-weight: 600; }
pre { white-space: pre-wrap; word-break: break-all; background: #f5f5f5; padding: .75rem; font-size: 11px; }
`;

export function renderExchangeReportHtml(content: ExchangeReportContentData, jws: string, keyId: string): string {
  const p = content.procedure;
  const participants = table(
    ["Authority", "Part", "Accepted"],
    content.participants.map((x) => [authority(x.authority), e(x.part), time(x.acceptedAt)]),
    "No participants.",
  );
  const states = table(
    ["State", "Entered"],
    content.states.map((s) => [s.status === "DRAFT" ? "Created (DRAFT)" : e(s.status), time(s.at)]),
    "No states.",
  );
  const messages = table(
    ["Written", "Author", "Message"],
    content.messages.map((m) => [
      time(m.createdAt),
      authority(m.author),
      `${m.confidential ? '<span class="confidential">Confidential (§6)</span><br>' : ""}<span class="body">${e(m.body)}</span>`,
    ]),
    "No messages were exchanged.",
  );
  // The page is in English (lang="en"), so each question in its English wording; the JWS holds every language.
  const answers = content.answers && table(
    ["Question", "Answer", "Answered by", "Answered"],
    content.answers.map((a) => [
      `<code>${e(a.questionCode)}</code><br>${e(a.questionWording.en)}`,
      a.value === null ? (a.attachmentId ? `Document <code>${e(a.attachmentId)}</code>` : "—") : `<span class="body">${e(a.value)}</span>`,
      authority(a.answeredBy),
      time(a.answeredAt),
    ]),
    "No questions were answered.",
  );
  const set = content.questionSet ? `<p>Question set <code>${e(content.questionSet.code)}</code>, version ${content.questionSet.version}.</p>\n` : "";
  const attachments = content.attachments && table(
    ["Uploaded", "Uploaded by", "File name", "Type", "Size (bytes)", "SHA-256"],
    content.attachments.map((a) => [time(a.uploadedAt), authority(a.uploadedBy), e(a.fileName), e(a.contentType), String(a.sizeBytes), `<code>${e(a.sha256)}</code>`]),
    "No documents were exchanged.",
  );
  const subjects =
    content.dataSubjects.length === 0
      ? `<p class="empty">No data subjects are named.</p>`
      : content.dataSubjects
          .map((d) => {
            const records = table(
              ["Category", "Details", "Legal basis", "Consent reference", "Necessity", "Added"],
              d.sensitiveRecords.map((r) => [e(r.category), e(r.details), e(r.legalBasis), e(r.consentReference), e(r.necessity), time(r.createdAt)]),
              "No sensitive records.",
            );
            return `<section class="data-subject">
<h3>${e(d.fullName)}</h3>
<dl>
<dt>Date of birth</dt><dd>${e(d.dateOfBirth)}</dd>
<dt>National identifier</dt><dd>${e(d.nationalIdentifier)}</dd>
<dt>Address</dt><dd>${e(d.address)}</dd>
<dt>E-mail</dt><dd>${e(d.email)}</dd>
</dl>
<h4>Sensitive records</h4>
${records}
</section>`;
          })
          .join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Exchange report ${e(p.reference)}</title>
<style>${STYLE}</style>
</head>
<body data-jws="${escapeHtml(jws)}" data-kid="${escapeHtml(keyId)}" data-report-id="${escapeHtml(content.reportId)}">
<header>
<h1>Exchange report ${e(p.reference)}</h1>
<p>A digitally signed record of this procedure's exchange (Regulation (EU) No 1024/2012, R-PROOF-1). It contains personal data: keep it accordingly.</p>
<dl>
<dt>Report</dt><dd>${e(content.reportId)}</dd>
<dt>Issued</dt><dd>${time(content.issuedAt)} by ${e(content.issuer)}</dd>
<dt>Issued to</dt><dd>${authority(content.issuedTo)}</dd>
<dt>Signing key</dt><dd>${e(keyId)}</dd>
</dl>
</header>
<main>
<h2>Procedure</h2>
<dl>
<dt>Reference</dt><dd>${e(p.reference)}</dd>
<dt>Kind</dt><dd>${e(p.kind)}</dd>
<dt>Legal area</dt><dd>${e(p.legalArea.name)} — ${e(p.legalArea.actReference)} (${e(p.legalArea.code)})</dd>
<dt>Subject</dt><dd>${e(p.subject)}</dd>
<dt>Status</dt><dd>${e(p.status)}</dd>
</dl>
<h2>Participants</h2>
${participants}
<h2>States</h2>
${states}
<h2>Messages</h2>
${messages}
<h2>Data subjects</h2>
${subjects}
${answers === null ? "" : `<h2>Questions and answers</h2>\n${set}${answers}\n`}${attachments === null ? "" : `<h2>Documents</h2>\n<p>Metadata and the SHA-256 of each document's bytes; the documents themselves are not part of this report.</p>\n${attachments}\n`}<h2>Signature</h2>
<p>The content above is rendered from the signed report below, a compact JWS (EdDSA, key <code>${e(keyId)}</code>). To check it, pass it to the API's
<code>verifyExchangeReport(report)</code> query, or verify it with any JOSE library against the public keys published at <code>/.well-known/jwks.json</code>.
Only the signed JWS is proof: this page is a rendering of it.</p>
<pre id="exchange-report-jws">${escapeHtml(jws)}</pre>
</main>
</body>
</html>
`;
}
