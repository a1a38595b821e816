import { describe, expect, it } from "vitest";
import { ATTACHMENT_TYPES, declaredType, detectType } from "../../src/modules/attachments/attachment-content.js";
import { contentDisposition, sanitiseFileName } from "../../src/modules/attachments/attachment-name.js";

const [PDF, PNG, JPEG] = ATTACHMENT_TYPES;

describe("attachment names and types", () => {
  it("sanitises names: last segment, no control or bidi characters, no device names, the detected type's extension, bounded", () => {
    expect(sanitiseFileName("C:\\Users\\jens\\..\\Eksamensbevis.pdf", PDF)).toBe("Eksamensbevis.pdf");
    expect(sanitiseFileName("../../etc/passwd", PDF)).toBe("passwd.pdf");
    expect(sanitiseFileName("report.html", PDF)).toBe("report.html.pdf");
    expect(sanitiseFileName("photo.JPEG", JPEG)).toBe("photo.JPEG");
    expect(sanitiseFileName("scan.png", JPEG)).toBe("scan.png.jpg");
    expect(sanitiseFileName("a<b>:c|d?.png", PNG)).toBe("a_b__c_d_.png");
    expect(sanitiseFileName("invoice\u202Efdp.exe", PDF)).toBe("invoicefdp.exe.pdf");
    expect(sanitiseFileName("CON.pdf", PDF)).toBe("_CON.pdf");
    expect(sanitiseFileName("  ...  ", PDF)).toBe("attachment.pdf");
    expect(sanitiseFileName("e\u0301te\u0301.pdf", PDF)).toBe("\u00e9t\u00e9.pdf");
    const long = sanitiseFileName(`${"ø".repeat(500)}.pdf`, PDF);
    expect([...long]).toHaveLength(200);
    expect(long.endsWith(".pdf")).toBe(true);
  });

  it("quotes a name for Content-Disposition: ASCII fallback and the exact UTF-8 name", () => {
    expect(contentDisposition('Søren "K".pdf')).toBe(`attachment; filename="S_ren _K_.pdf"; filename*=UTF-8''S%C3%B8ren%20%22K%22.pdf`);
  });

  it("recognises PDF, PNG and JPEG by their first bytes only, and a declared type by its media type", () => {
    expect(detectType(Buffer.from("%PDF-1.4 ..."))).toBe(PDF);
    expect(detectType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe(PNG);
    expect(detectType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe(JPEG);
    expect(detectType(Buffer.from("<svg onload=alert(1)>"))).toBeUndefined();
    expect(detectType(Buffer.from("PK\u0003\u0004"))).toBeUndefined();
    expect(declaredType("application/pdf; charset=binary")).toBe(PDF);
    expect(declaredType("IMAGE/PNG")).toBe(PNG);
    expect(declaredType("text/html")).toBeUndefined();
    expect(declaredType(undefined)).toBeUndefined();
  });
});
