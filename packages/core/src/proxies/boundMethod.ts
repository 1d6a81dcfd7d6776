import { METHOD_SPECS } from '@delegram/api';
import type { FriendlyApi, MethodName, MethodParams, RawApi } from '@delegram/api';

/** What a proxy needs of an API client: the raw methods (an `Api` or any `FriendlyApi`). */
export interface ProxyApi {
  /** The raw methods, one params object each. */
  readonly raw: RawApi;
}

/** `true` when `A` and `B` are the same type. */
export type Equal<A, B> =
  (<G>() => G extends A ? 1 : 2) extends <G>() => G extends B ? 1 : 2 ? true : false;

/** The keys of `T` that are not optional. */
export type RequiredKeys<T> = {
  [K in keyof T]-?: object extends Pick<T, K> ? never : K;
}[keyof T];

/** The required positional parameters of the friendly method (without options and signal). */
export type Positional<M extends MethodName> =
  Required<Parameters<FriendlyApi[M]>> extends infer R
    ? [Exclude<keyof MethodParams[M], RequiredKeys<MethodParams[M]>>] extends [never]
      ? R extends [...infer H, AbortSignal]
        ? H
        : never
      : R extends [...infer H, unknown, AbortSignal]
        ? H
        : never
    : never;

/** Removes the first element of `T` whose type is exactly `X`. */
export type DropFirst<T extends readonly unknown[], X> = T extends readonly [infer H, ...infer Rest]
  ? Equal<H, X> extends true
    ? Rest
    : [H, ...DropFirst<Rest, X>]
  : [];

/** Removes, in order, the positional parameters of the bound keys that are required. */
export type DropBound<
  T extends readonly unknown[],
  P,
  K extends readonly PropertyKey[],
> = K extends readonly [infer H, ...infer R extends readonly PropertyKey[]]
  ? H extends RequiredKeys<P> & keyof P
    ? DropBound<DropFirst<T, P[H]>, P, R>
    : DropBound<T, P, R>
  : T;

/** The trailing `other?` (when the method has optional parameters left) and `signal?`. */
export type Trailing<O> = [keyof O] extends [never]
  ? [signal?: AbortSignal]
  : [other?: O, signal?: AbortSignal];

/**
 * The type of method `M` with the parameters named in `Bound` filled in by a proxy: the other
 * required parameters positional (in the friendly API's order), then an options object without
 * the bound keys, then an `AbortSignal`. The result is the friendly method's.
 *
 * @typeParam M - the method
 * @typeParam Bound - the bound parameter names, in spec order (e.g. `['chat_id']`)
 */
export type BoundMethod<M extends MethodName, Bound extends readonly PropertyKey[]> = (
  ...args: [
    ...DropBound<Positional<M>, MethodParams[M], Bound>,
    ...Trailing<Omit<MethodParams[M], RequiredKeys<MethodParams[M]> | Bound[number]>>,
  ]
) => ReturnType<FriendlyApi[M]>;

/** How to call one method with some parameters bound, computed once from `METHOD_SPECS`. */
export interface MethodPlan {
  readonly method: MethodName;
  /** The required parameters the caller passes positionally, in spec order. */
  readonly positional: readonly string[];
  /** Whether an options object may follow the positional parameters. */
  readonly hasOptions: boolean;
  /** The names of every parameter of the method. */
  readonly params: ReadonlySet<string>;
}

/**
 * Lists the methods a rule selects from `METHOD_SPECS` and plans their bound calls.
 *
 * @param select - the rule, given a method name and its parameter specs
 * @param bound - the parameter names the proxy fills in
 * @returns the plans, by method name
 */
export function planMethods(
  select: (name: MethodName, params: ReadonlyMap<string, boolean>) => boolean,
  bound: readonly string[],
): ReadonlyMap<MethodName, MethodPlan> {
  const plans = new Map<MethodName, MethodPlan>();
  for (const name of Object.keys(METHOD_SPECS) as MethodName[]) {
    const spec = METHOD_SPECS[name];
    const params = new Map(spec.params.map((p) => [p.name, p.required]));
    if (!select(name, params)) continue;
    const positional = spec.params
      .filter((p) => p.required && !bound.includes(p.name))
      .map((p) => p.name);
    const hasOptions = spec.params.some((p) => !p.required && !bound.includes(p.name));
    plans.set(name, { method: name, positional, hasOptions, params: new Set(params.keys()) });
  }
  return plans;
}

/**
 * Calls a planned method: positional arguments, then options, then signal, with the bound
 * parameters merged in last (they cannot be overridden).
 *
 * @param api - the API client
 * @param plan - the method's plan
 * @param bound - the bound parameters
 * @param args - what the caller passed
 * @param owner - the proxy's name, for error messages
 * @returns the method's result
 */
export function callPlanned(
  api: ProxyApi,
  plan: MethodPlan,
  bound: Readonly<Record<string, unknown>>,
  args: readonly unknown[],
  owner: string,
): Promise<unknown> {
  const n = plan.positional.length;
  if (args.length < n) {
    throw new TypeError(
      `${owner}.${plan.method}(${plan.positional.join(', ')}, ...): missing ` +
        plan.positional.slice(args.length).join(', '),
    );
  }
  let other: object | undefined;
  let signal: unknown;
  const next = args[n];
  if (plan.hasOptions && !(next instanceof AbortSignal)) {
    if (next !== undefined && (typeof next !== 'object' || next === null)) {
      throw new TypeError(
        `${owner}.${plan.method}: expected an options object after the required parameters, ` +
          `got ${typeof next}`,
      );
    }
    other = next;
    signal = args[n + 1];
  } else {
    signal = next;
  }
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw new TypeError(`${owner}.${plan.method}: the last argument must be an AbortSignal`);
  }
  const payload: Record<string, unknown> = { ...other };
  plan.positional.forEach((name, i) => {
    payload[name] = args[i];
  });
  Object.assign(payload, bound);
  const raw = api.raw as unknown as Record<
    string,
    (params: unknown, signal?: AbortSignal) => Promise<unknown>
  >;
  const fn = raw[plan.method];
  if (fn === undefined)
    throw new TypeError(`${owner}: the API client has no method ${plan.method}`);
  return signal === undefined ? fn.call(raw, payload) : fn.call(raw, payload, signal);
}

/**
 * Installs one method per plan on a prototype; each calls {@link callPlanned} with the bound
 * parameters the instance gives.
 *
 * @param prototype - the proxy class's prototype
 * @param plans - the planned methods
 * @param boundOf - the bound parameters of an instance for a method
 * @param owner - the proxy's name, for error messages
 */
export function installMethods<T extends { readonly api: ProxyApi }>(
  prototype: T,
  plans: ReadonlyMap<MethodName, MethodPlan>,
  boundOf: (self: T, plan: MethodPlan) => Readonly<Record<string, unknown>>,
  owner: string,
): void {
  for (const plan of plans.values()) {
    Object.defineProperty(prototype, plan.method, {
      configurable: true,
      writable: true,
      enumerable: false,
      value: async function (this: T, ...args: unknown[]): Promise<unknown> {
        return callPlanned(this.api, plan, boundOf(this, plan), args, owner);
      },
    });
  }
}
