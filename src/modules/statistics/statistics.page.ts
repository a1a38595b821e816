import type { Language } from "../../i18n/languages.js";
import type { PublicCell } from "./suppression.js";

/** The page's own words in the users' languages (issue 17's four); kept here, beside the only page that uses them. */
const WORDS: Record<Language, Record<"title" | "intro" | "requests" | "share" | "month" | "area" | "state" | "total" | "method" | "none", string>> = {
  en: {
    title: "IMI statistics",
    intro: "Requests sent per month and legal area, from procedure metadata only.",
    requests: "Requests sent",
    share: "Accepted within 7 days",
    month: "Month",
    area: "Legal area",
    state: "Member state",
    total: "All states",
    method: "Counts under 5 are shown as <5; other counts are rounded to a multiple of 5; shares and medians are shown only over 5 or more.",
    none: "No figures for these months.",
  },
  da: {
    title: "IMI-statistik",
    intro: "Sendte anmodninger pr. måned og retsområde, kun ud fra procedurernes metadata.",
    requests: "Sendte anmodninger",
    share: "Accepteret inden for 7 dage",
    month: "Måned",
    area: "Retsområde",
    state: "Medlemsstat",
    total: "Alle stater",
    method: "Tal under 5 vises som <5; andre tal afrundes til et multiplum af 5; andele og medianer vises kun over 5 eller flere.",
    none: "Ingen tal for disse måneder.",
  },
  de: {
    title: "IMI-Statistik",
    intro: "Gesendete Ersuchen je Monat und Rechtsbereich, nur aus den Metadaten der Verfahren.",
    requests: "Gesendete Ersuchen",
    share: "Innerhalb von 7 Tagen angenommen",
    month: "Monat",
    area: "Rechtsbereich",
    state: "Mitgliedstaat",
    total: "Alle Staaten",
    method: "Zahlen unter 5 erscheinen als <5; andere Zahlen sind auf ein Vielfaches von 5 gerundet; Anteile und Mediane nur ab 5.",
    none: "Keine Zahlen für diese Monate.",
  },
  fr: {
    title: "Statistiques IMI",
    intro: "Demandes envoyées par mois et domaine, à partir des seules métadonnées des procédures.",
    requests: "Demandes envoyées",
    share: "Acceptées sous 7 jours",
    month: "Mois",
    area: "Domaine",
    state: "État membre",
    total: "Tous les États",
    method: "Les nombres inférieurs à 5 sont affichés <5 ; les autres sont arrondis à un multiple de 5 ; parts et médianes seulement à partir de 5.",
    none: "Aucun chiffre pour ces mois.",
  },
};

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** A suppressed count is drawn at half the threshold (2.5) and hatched, so it is never read as a value. */
const barValue = (count: string) => (count === "<5" ? 2.5 : Number(count));

function months(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split("-").map(Number) as [number, number];
  const [ty, tm] = to.split("-").map(Number) as [number, number];
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, "0")}`);
    m++;
    if (m > 12) ((m = 1), y++);
  }
  return out;
}

/** One bar chart (SVG) of a legal area's requests sent per month over all states. */
function chart(area: string, monthList: string[], totals: PublicCell[], words: (typeof WORDS)["en"]): string {
  const byMonth = new Map(totals.map((c) => [c.month, c]));
  const max = Math.max(5, ...totals.map((c) => barValue(c.requestsSent)));
  const width = 640;
  const height = 200;
  const pad = 28;
  const step = (width - pad * 2) / monthList.length;
  const bars = monthList
    .map((month, i) => {
      const cell = byMonth.get(month);
      const value = cell ? barValue(cell.requestsSent) : 0;
      const h = ((height - pad * 2) * value) / max;
      const x = pad + i * step + step * 0.15;
      const y = height - pad - h;
      // The public grid is full (pentest F4): a month without a cell is only one outside the answer.
      const label = cell ? cell.requestsSent : "–";
      const fill = cell?.requestsSent === "<5" ? "url(#hatch)" : "#1f5fa8";
      return `<g><title>${escape(month)}: ${escape(label)}</title><rect class="bar" x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${(step * 0.7).toFixed(1)}" height="${h.toFixed(1)}" fill="${fill}"/>` +
        `<text x="${(x + step * 0.35).toFixed(1)}" y="${(y - 3).toFixed(1)}" text-anchor="middle" font-size="10">${escape(label)}</text>` +
        `<text x="${(x + step * 0.35).toFixed(1)}" y="${height - pad + 12}" text-anchor="middle" font-size="9">${escape(month.slice(2))}</text></g>`;
    })
    .join("");
  return `<figure><figcaption>${escape(area)} — ${escape(words.requests)}</figcaption>
<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escape(area)}: ${escape(words.requests)}" preserveAspectRatio="xMidYMid meet">
<defs><pattern id="hatch" width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="2" height="4" fill="#9db4d3"/></pattern></defs>
<line x1="${pad}" y1="${height - pad}" x2="${width - pad}" y2="${height - pad}" stroke="#444"/>${bars}</svg></figure>`;
}

/** The /statistics page: the public subset only, rendered on the server (no script, no CDN: offline like GraphiQL). */
export function statisticsPage(language: Language, data: { fromMonth: string; toMonth: string; cells: PublicCell[]; totals: PublicCell[] }): string {
  const words = WORDS[language];
  const monthList = months(data.fromMonth, data.toMonth);
  const areas = [...new Set(data.totals.map((c) => c.legalAreaCode))].sort();
  const charts = areas.map((area) => chart(area, monthList, data.totals.filter((c) => c.legalAreaCode === area), words)).join("\n");
  const rows = [...data.totals, ...data.cells]
    .sort((a, b) => a.month.localeCompare(b.month) || a.legalAreaCode.localeCompare(b.legalAreaCode) || (a.memberState ?? "").localeCompare(b.memberState ?? ""))
    .map(
      (c) =>
        `<tr${c.memberState ? "" : ' class="total"'}><td>${escape(c.month)}</td><td>${escape(c.legalAreaCode)}</td><td>${escape(c.memberState ?? words.total)}</td>` +
        `<td>${escape(c.requestsSent)}</td><td>${c.acceptedWithin7DaysShare === null ? "–" : `${Math.round(c.acceptedWithin7DaysShare * 100)} %`}</td></tr>`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(words.title)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:0 auto;max-width:960px;padding:1rem;color:#1b1b1b}
h1{font-size:1.5rem}figure{margin:1rem 0}figcaption{font-weight:600;margin-bottom:.25rem}
svg.chart{width:100%;height:auto;background:#f6f8fb;border-radius:6px}
.table{overflow-x:auto}table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left}tr.total{font-weight:600}
nav a{margin-right:.75rem}p.method{font-size:.85rem;color:#444}
</style></head><body>
<nav>${(["en", "da", "de", "fr"] as Language[]).map((l) => `<a href="?lang=${l}" hreflang="${l}">${l.toUpperCase()}</a>`).join("")}</nav>
<h1>${escape(words.title)}</h1>
<p>${escape(words.intro)} ${escape(data.fromMonth)} – ${escape(data.toMonth)}</p>
${areas.length === 0 ? `<p class="empty">${escape(words.none)}</p>` : charts}
<p class="method">${escape(words.method)}</p>
<div class="table"><table><thead><tr><th>${escape(words.month)}</th><th>${escape(words.area)}</th><th>${escape(words.state)}</th><th>${escape(words.requests)}</th><th>${escape(words.share)}</th></tr></thead>
<tbody>${rows}</tbody></table></div>
</body></html>`;
}
