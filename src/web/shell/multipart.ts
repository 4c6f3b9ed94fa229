/**
 * The small part of multipart/form-data (RFC 7578) the evidence form needs, so that uploading a file works
 * without JavaScript: text fields and files, read from a body already limited in size by Fastify. A file's
 * bytes are handed to the route, which keeps only their SHA-256.
 */

export interface UploadedFile {
  readonly filename: string;
  readonly type: string;
  readonly data: Buffer;
}

export const FILES = Symbol('files');

export type MultipartBody = Record<string, string> & { [FILES]: Record<string, UploadedFile> };

export class MultipartError extends Error {}

export function boundaryOf(contentType: string): string {
  const m = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  const b = m?.[1] ?? m?.[2];
  if (!b) throw new MultipartError('multipart/form-data without a boundary');
  return b;
}

function param(header: string, name: string): string | undefined {
  const m = new RegExp(`;\\s*${name}="((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(header);
  if (m) return m[1]!.replace(/\\(.)/g, '$1');
  const bare = new RegExp(`;\\s*${name}=([^;\\s]+)`, 'i').exec(header);
  return bare?.[1];
}

export function parseMultipart(body: Buffer, contentType: string): MultipartBody {
  const boundary = boundaryOf(contentType);
  const delimiter = Buffer.from(`--${boundary}`);
  const fields: Record<string, string> = Object.create(null);
  const files: Record<string, UploadedFile> = Object.create(null);
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw new MultipartError('the multipart body has no part');
  for (;;) {
    pos += delimiter.length;
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) break; // closing delimiter "--"
    if (body[pos] === 0x0d && body[pos + 1] === 0x0a) pos += 2;
    const headEnd = body.indexOf('\r\n\r\n', pos);
    if (headEnd < 0) throw new MultipartError('a multipart part has no header end');
    const headers = body.subarray(pos, headEnd).toString('utf8').split('\r\n');
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headEnd + 4);
    if (next < 0) throw new MultipartError('a multipart part is not closed');
    const content = body.subarray(headEnd + 4, next);
    const disposition = headers.find((h) => /^content-disposition:/i.test(h)) ?? '';
    const name = param(disposition, 'name');
    const filename = param(disposition, 'filename');
    const type = (headers.find((h) => /^content-type:/i.test(h)) ?? '').replace(/^content-type:\s*/i, '');
    if (name !== undefined && name !== '__proto__') {
      if (filename !== undefined) files[name] = { filename, type, data: Buffer.from(content) };
      else fields[name] = content.toString('utf8');
    }
    pos = next + 2;
  }
  return Object.assign(fields, { [FILES]: files }) as MultipartBody;
}

/** The uploaded file of a field, if the form was multipart and a file was chosen. */
export function fileOf(body: unknown, name: string): UploadedFile | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  const files = (body as Partial<MultipartBody>)[FILES];
  const f = files?.[name];
  return f && (f.filename !== '' || f.data.length > 0) ? f : undefined;
}
