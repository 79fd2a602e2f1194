// multipart/form-data bodies (RFC 7578), for policy create and revision upload. Part names are
// matched case-insensitively by the caller, as ASP.NET's form binding does.
import { invalid } from "./errors";

export interface Part {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

export function isMultipart(contentType: string | undefined): boolean {
  return /^multipart\/form-data\b/i.test(contentType ?? "");
}

export function parseMultipart(raw: Buffer, contentType: string | undefined): Part[] {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? "");
  if (!isMultipart(contentType) || !m) throw invalid("The request must be multipart/form-data with a boundary.");
  const delimiter = Buffer.from(`--${m[1] ?? m[2]}`);
  const parts: Part[] = [];
  let pos = raw.indexOf(delimiter);
  if (pos < 0) throw invalid("The multipart body has no parts.");
  for (;;) {
    pos += delimiter.length;
    if (raw.subarray(pos, pos + 2).toString() === "--") break; // the closing delimiter
    const headerEnd = raw.indexOf("\r\n\r\n", pos);
    const next = raw.indexOf(Buffer.concat([Buffer.from("\r\n"), delimiter]), pos);
    if (headerEnd < 0 || next < 0 || headerEnd > next) throw invalid("The multipart body is malformed.");
    const headers = raw.subarray(pos, headerEnd).toString("utf8");
    const disposition = /content-disposition:\s*form-data;([^\r\n]*)/i.exec(headers)?.[1] ?? "";
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
    if (name === undefined) throw invalid("A multipart part has no name.");
    parts.push({
      name,
      filename: /\bfilename="([^"]*)"/i.exec(disposition)?.[1],
      contentType: /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1]?.trim(),
      data: raw.subarray(headerEnd + 4, next),
    });
    pos = next + 2;
  }
  return parts;
}

export function partNamed(parts: Part[], name: string): Part | undefined {
  return parts.find((p) => p.name.toLowerCase() === name.toLowerCase());
}
