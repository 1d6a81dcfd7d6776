import type { IncomingMessage, ServerResponse } from 'node:http';
import { sleep, type Clock } from '@delegram/api';
import { ApiError, tooManyRequests } from '../ApiError.js';
import { writeError } from './envelope.js';
import type { FaultRule } from './Faults.js';

const BAD_GATEWAY_PAGE =
  '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>';

/**
 * Carries out an injected fault on a request.
 *
 * @param fault - the rule that fired
 * @param req - the request (its socket is destroyed for `'drop'`)
 * @param res - the response
 * @param clock - the emulator's clock (for latency)
 * @returns true when the fault answered (or dropped) the request; false when the request should
 *   go on normally (after the added latency)
 */
export async function applyFault(
  fault: FaultRule,
  req: IncomingMessage,
  res: ServerResponse,
  clock: Clock,
): Promise<boolean> {
  const kind = fault.kind;
  if (kind === 'drop') {
    req.socket.destroy();
  } else if (kind === 500) {
    writeError(res, new ApiError(500, 'Internal Server Error'));
  } else if (kind === 502) {
    res.writeHead(502, {
      'content-type': 'text/html',
      'content-length': Buffer.byteLength(BAD_GATEWAY_PAGE),
    });
    res.end(BAD_GATEWAY_PAGE);
  } else if (kind === 429) {
    writeError(res, tooManyRequests(fault.retryAfter ?? 5));
  } else {
    await sleep(clock, kind.latencyMs);
    return false;
  }
  return true;
}
