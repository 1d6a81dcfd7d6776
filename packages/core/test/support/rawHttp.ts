import { connect } from 'node:net';
import type { Socket } from 'node:net';

/** An answer as read off a raw socket. */
export interface RawAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/**
 * Opens a TCP connection to 127.0.0.1:`port` and writes `head` (request line and headers, the
 * blank line included) and then `body` (if any) as given: for hostile requests (partial bodies,
 * wrong lengths, slow uploads) that `http.request` would not send.
 */
export async function rawConnect(port: number): Promise<Socket> {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  socket.on('error', () => undefined); // a server cutting the connection is part of the test
  return socket;
}

/** The request head for a POST to `path` with the given headers (lower-case names). */
export function requestHead(path: string, headers: Record<string, string | number>): string {
  const lines = [`POST ${path} HTTP/1.1`, 'host: 127.0.0.1'];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/** Resolves with the first answer read on `socket` (needs a `content-length` or a close). */
export function readAnswer(socket: Socket): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    let data = '';
    const done = (): boolean => {
      const end = data.indexOf('\r\n\r\n');
      if (end === -1) return false;
      const [statusLine = '', ...lines] = data.slice(0, end).split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      const length = Number(headers['content-length'] ?? NaN);
      const body = data.slice(end + 4);
      if (Number.isFinite(length) && Buffer.byteLength(body) < length) return false;
      socket.off('data', onData);
      socket.off('close', onClose);
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body });
      return true;
    };
    const onData = (chunk: Buffer): void => {
      data += chunk.toString('utf8');
      done();
    };
    const onClose = (): void => {
      if (!done()) reject(new Error(`connection closed before an answer: ${JSON.stringify(data)}`));
    };
    socket.on('data', onData);
    socket.on('close', onClose);
  });
}
