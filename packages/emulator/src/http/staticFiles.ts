import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';

/** The chat page's folder: `web/` at the package root (the same from `src/http` and `dist/http`). */
export const WEB_ROOT = fileURLToPath(new URL('../../web/', import.meta.url));

const TYPES: Readonly<Record<string, string>> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
  ico: 'image/x-icon',
};

/**
 * Serves one file of the chat page (`/` is `index.html`). Only plain file names directly in
 * `web/` are served, so no path can leave that folder.
 *
 * @param pathname - the request path
 * @param res - where to write the file
 * @returns `true` when the path named a page file and it was served
 */
export async function serveStatic(pathname: string, res: ServerResponse): Promise<boolean> {
  const name = pathname === '/' ? 'index.html' : pathname.slice(1);
  const match = /^[a-zA-Z0-9_-]+\.([a-z]+)$/.exec(name);
  const type = match?.[1] === undefined ? undefined : TYPES[match[1]];
  if (type === undefined) return false;
  let data: Buffer;
  try {
    data = await readFile(WEB_ROOT + name);
  } catch {
    return false;
  }
  res.writeHead(200, {
    'content-type': type,
    'content-length': data.length,
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
    'content-security-policy':
      "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; connect-src 'self'",
  });
  res.end(data);
  return true;
}
