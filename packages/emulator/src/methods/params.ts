import { badRequest } from '../ApiError.js';
import type { MethodContext } from './MethodContext.js';

/**
 * Typed reads of a method's parameters.
 *
 * The server has already validated types and presence against the spec; these accessors narrow
 * the `unknown` values and still fail with Telegram-style errors when called directly.
 */
export class Params {
  /** @param ctx - the call's context */
  constructor(private readonly ctx: Pick<MethodContext, 'params'>) {}

  /** Whether the parameter was sent. */
  has(name: string): boolean {
    const value = this.ctx.params[name];
    return value !== undefined && value !== null;
  }

  /** A string parameter, or `undefined` when absent. */
  str(name: string): string | undefined {
    const value = this.ctx.params[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    return JSON.stringify(value);
  }

  /** A required string parameter; absent gives `Bad Request: <name> is empty`. */
  reqStr(name: string): string {
    const value = this.str(name);
    if (value === undefined) throw badRequest(`${name} is empty`);
    return value;
  }

  /** An integer parameter, or `undefined` when absent. */
  int(name: string): number | undefined {
    const value = this.ctx.params[name];
    if (value === undefined || value === null || value === '') return undefined;
    const n = typeof value === 'number' ? value : Number(value);
    if (!Number.isFinite(n)) throw badRequest(`field "${name}" must be of type Integer`);
    return Math.trunc(n);
  }

  /** A required integer parameter. */
  reqInt(name: string): number {
    const value = this.int(name);
    if (value === undefined) throw badRequest(`${name} is empty`);
    return value;
  }

  /** A float parameter, or `undefined` when absent. */
  num(name: string): number | undefined {
    const value = this.ctx.params[name];
    if (value === undefined || value === null || value === '') return undefined;
    const n = typeof value === 'number' ? value : Number(value);
    if (!Number.isFinite(n)) throw badRequest(`field "${name}" must be of type Float`);
    return n;
  }

  /** A boolean parameter (default false). */
  bool(name: string): boolean {
    const value = this.ctx.params[name];
    return value === true || value === 'true' || value === 1 || value === '1';
  }

  /** A JSON object or array parameter, or `undefined` when absent (strings are JSON-decoded). */
  json<T>(name: string): T | undefined {
    const value = this.ctx.params[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') return value as T;
    try {
      return JSON.parse(value) as T;
    } catch {
      throw badRequest(`can't parse ${name} JSON object`);
    }
  }

  /** A required JSON array parameter. */
  array<T>(name: string): T[] {
    const value = this.json<unknown>(name);
    if (!Array.isArray(value)) throw badRequest(`${name} is empty`);
    return value as T[];
  }
}
