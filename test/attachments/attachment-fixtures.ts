import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import { createHttpServer } from "../../src/http.js";
import type { Api } from "../../src/server.js";
import { testLogger } from "../helpers/test-logs.js";

export interface HttpFront {
  url: string;
  close(): Promise<void>;
}

/** The API's real HTTP front on a free loopback port: attachments travel over plain HTTP. */
export async function startHttp(api: Api): Promise<HttpFront> {
  const server = createHttpServer(api, testLogger(), [], { graphiql: false });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** A PDF-looking body: the magic bytes, then `size` bytes (random unless `fill`), with a marker inside. */
export function pdfBytes(size: number, marker = ""): Buffer {
  const head = Buffer.from(`%PDF-1.7\n% ${marker}\n`, "latin1");
  return Buffer.concat([head, randomBytes(Math.max(0, size - head.length))]);
}

export const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export async function upload(
  front: HttpFront,
  token: string | null,
  procedureId: string,
  body: Buffer,
  { name = "diploma.pdf", contentType = "application/pdf", language }: { name?: string; contentType?: string; language?: string } = {},
) {
  const headers: Record<string, string> = { "content-type": contentType };
  if (token) headers.authorization = `Bearer ${token}`;
  if (language) headers["accept-language"] = language;
  const response = await fetch(`${front.url}/attachments?procedureId=${encodeURIComponent(procedureId)}&name=${encodeURIComponent(name)}`, {
    method: "POST",
    headers,
    body,
  });
  const json = (await response.json()) as {
    attachment?: { id: string; fileName: string; contentType: string; sizeBytes: number; sha256: string; downloadPath: string };
    errors?: { message: string; extensions: { code: string; reason?: string } }[];
  };
  return { status: response.status, ...json };
}

export async function download(front: HttpFront, token: string | null, id: string) {
  const response = await fetch(`${front.url}/attachments/${id}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const bytes = Buffer.from(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, bytes };
}
