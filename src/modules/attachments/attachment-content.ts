/**
 * The document types accepted, recognised by their content (magic bytes), never by the name or the
 * declared type alone: an upload whose content is none of these, or another one than declared, is
 * refused. Kept to formats that carry documents and that browsers will not run as a page.
 */
export const ATTACHMENT_TYPES = [
  { contentType: "application/pdf", extension: ".pdf", label: "PDF", magic: [Buffer.from("%PDF-", "latin1")] },
  { contentType: "image/png", extension: ".png", label: "PNG", magic: [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])] },
  { contentType: "image/jpeg", extension: ".jpg", label: "JPEG", magic: [Buffer.from([0xff, 0xd8, 0xff])] },
] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

/** Bytes needed to tell every accepted type. */
export const SNIFF_BYTES = 8;

/** The accepted type the content begins with, if any. */
export function detectType(head: Buffer): AttachmentType | undefined {
  return ATTACHMENT_TYPES.find((type) => type.magic.some((magic) => head.length >= magic.length && head.subarray(0, magic.length).equals(magic)));
}

/** The declared type of a Content-Type header value, parameters dropped; undefined when it is none of ours. */
export function declaredType(header: string | undefined): AttachmentType | undefined {
  const value = header?.split(";")[0]?.trim().toLowerCase();
  return ATTACHMENT_TYPES.find((type) => type.contentType === value);
}
