import type { AttachmentType } from "./attachment-content.js";

const MAX_NAME_LENGTH = 200;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$/i;

/**
 * A file name safe to store and to hand back in Content-Disposition: the last path segment only
 * (no directories, no `..`), Unicode NFC, without control characters, bidirectional overrides or the
 * characters Windows refuses; runs of spaces collapsed, dots and spaces trimmed at the ends; at most
 * 200 characters; never a Windows device name; and ending in the extension of the detected type, so
 * that a PDF named `report.html` is saved as `report.html.pdf`. Empty after all that: `attachment`.
 */
export function sanitiseFileName(raw: string, type: AttachmentType): string {
  const segment = raw.normalize("NFC").split(/[/\\]/).pop() ?? "";
  let name = segment
    // Control characters, and the bidirectional controls that make `txt.exe` read as `exe.txt`.
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "")
    .replace(/[<>:"|?*]/g, "_")
    .replace(/\s+/g, " ")
    .replace(/^[\s.]+|[\s.]+$/g, "");
  if (WINDOWS_RESERVED.test(name)) name = `_${name}`;
  const lower = name.toLowerCase();
  const own = [type.extension, ...(type.contentType === "image/jpeg" ? [".jpeg"] : [])].find((ext) => lower.endsWith(ext));
  const suffix = own ? name.slice(name.length - own.length) : type.extension;
  const stem = [...(own ? name.slice(0, name.length - own.length) : name)]
    .slice(0, MAX_NAME_LENGTH - suffix.length)
    .join("")
    .replace(/[\s.]+$/, "");
  return `${stem || "attachment"}${suffix}`;
}

/**
 * Content-Disposition for a download (RFC 6266): always `attachment`, so a browser saves the file
 * rather than showing it; an ASCII `filename` for old clients and the exact name in `filename*`.
 */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
