/**
 * What an injected fault does to a request.
 *
 * - `'drop'`: the connection is destroyed without an answer;
 * - `500`: Telegram's `Internal Server Error` envelope;
 * - `502`: a non-JSON `Bad Gateway` page, as a proxy in front of the server would send;
 * - `429`: a flood-control answer (`retryAfter` seconds, default 5);
 * - `{ latencyMs }`: the request is answered normally after that much emulated time.
 */
export type FaultKind =
  | 'drop'
  | 500
  | 502
  | 429
  | {
      /** Delay before the normal answer, in ms of emulated time. */
      readonly latencyMs: number;
    };

/** How often a fault fires for one method. */
export interface FaultRule {
  /** What happens. */
  readonly kind: FaultKind;
  /** Probability per call in [0, 1] (default 1: every call). */
  readonly rate?: number;
  /** Fire only for the next `times` matching calls, then remove the rule. */
  readonly times?: number;
  /** For `429`: the `retry_after` to announce, in seconds (default 5). */
  readonly retryAfter?: number;
}

/** Options for {@link Faults}. */
export interface FaultsOptions {
  /** Seed of the deterministic random generator behind `rate` (default 1). */
  readonly seed?: number;
}

interface ActiveRule {
  readonly rule: FaultRule;
  remaining: number;
}

/**
 * Fault injection for reliability tests: per-method rules that drop connections, answer 500,
 * 502 or 429, or add latency.
 *
 * Method names match without case; `'*'` matches every method. Randomness comes from a seeded
 * generator, so a test with `rate: 0.3` sees the same sequence of faults on every run.
 *
 * @example
 * ```ts
 * emu.faults.set('getUpdates', { kind: 'drop', rate: 0.1 });
 * emu.faults.set('sendMessage', { kind: 429, times: 2, retryAfter: 3 });
 * emu.faults.set('*', { kind: { latencyMs: 200 } });
 * emu.faults.clear();
 * ```
 */
export class Faults {
  private readonly rules = new Map<string, ActiveRule>();
  private state: number;

  /** @param options - the random seed */
  constructor(options: FaultsOptions = {}) {
    this.state = (options.seed ?? 1) >>> 0;
  }

  /**
   * Installs (or replaces) the rule for a method.
   *
   * @param method - a Bot API method name (any case) or `'*'`
   * @param rule - what to inject and how often
   * @returns this, for chaining
   */
  set(method: string, rule: FaultRule): this {
    const rate = rule.rate ?? 1;
    if (!(rate >= 0 && rate <= 1)) {
      throw new RangeError(`Faults.set: rate must be between 0 and 1, got ${String(rule.rate)}`);
    }
    if (rule.times !== undefined && !(Number.isInteger(rule.times) && rule.times > 0)) {
      throw new RangeError(`Faults.set: times must be a positive integer, got ${rule.times}`);
    }
    const kind = rule.kind;
    const known =
      kind === 'drop' ||
      kind === 500 ||
      kind === 502 ||
      kind === 429 ||
      (typeof kind === 'object' && kind.latencyMs >= 0);
    if (!known) {
      throw new TypeError(
        "Faults.set: kind must be 'drop', 500, 502, 429 or { latencyMs: number >= 0 }",
      );
    }
    this.rules.set(method.toLowerCase(), { rule, remaining: rule.times ?? Infinity });
    return this;
  }

  /**
   * Removes the rule for one method, or every rule.
   *
   * @param method - the method (any case) or `'*'`; omit to clear all rules
   */
  clear(method?: string): void {
    if (method === undefined) this.rules.clear();
    else this.rules.delete(method.toLowerCase());
  }

  /**
   * Decides whether this call of `method` gets a fault (consuming a `times` count if so).
   *
   * @param method - the method being called (any case)
   * @returns the rule that fires, or undefined
   */
  pick(method: string): FaultRule | undefined {
    const key = method.toLowerCase();
    const active = this.rules.get(key) ?? this.rules.get('*');
    if (active === undefined) return undefined;
    const rate = active.rule.rate ?? 1;
    if (rate < 1 && this.random() >= rate) return undefined;
    active.remaining -= 1;
    if (active.remaining <= 0) {
      for (const [name, value] of this.rules) if (value === active) this.rules.delete(name);
    }
    return active.rule;
  }

  /** mulberry32: a small, well-mixed deterministic generator in [0, 1). */
  private random(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}
