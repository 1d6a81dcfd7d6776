import { METHOD_SPECS, TYPE_SPECS, type Clock } from '@delegram/api';
import createDebug from 'debug';
import { ApiError, badRequest } from '../ApiError.js';
import { DescribedResult } from '../methods/DescribedResult.js';
import type { MethodImpl, UploadedFile } from '../methods/MethodContext.js';
import type { BotAccount } from '../world/BotAccount.js';
import type { World } from '../world/World.js';
import type { FloodControl } from './FloodControl.js';
import type { TypeSpecLike } from './findMissingField.js';
import { validateParams, type ParamSpecLike } from './validateParams.js';

const debug = createDebug('delegram:emulator:server');

/** The spec of one method as the runner needs it. */
export interface MethodSpecLike {
  /** The method's parameters in spec order. */
  readonly params: readonly ParamSpecLike[];
}

/** Options for {@link MethodRunner}. */
export interface MethodRunnerOptions {
  /** The emulated world, handed to every method. */
  readonly world: World;
  /** Implementations keyed by lower-case method name. */
  readonly methods: Readonly<Record<string, MethodImpl>>;
  /** The emulator's clock. */
  readonly clock: Clock;
  /** Flood control applied to sending and editing methods. */
  readonly flood: FloodControl;
  /** Method specs by canonical name (default: `METHOD_SPECS` from `@delegram/api`). */
  readonly specs?: Readonly<Record<string, MethodSpecLike>>;
  /** Type specs by name, for checks inside object parameters (default: `TYPE_SPECS`). */
  readonly typeSpecs?: Readonly<Record<string, TypeSpecLike>>;
}

/** A finished call: the result and Telegram's optional success description. */
export interface MethodOutcome {
  /** The envelope's `result`. */
  readonly result: unknown;
  /** The envelope's optional `description`. */
  readonly description?: string;
}

const NEVER = new AbortController().signal;

/**
 * Runs one Bot API call for a bot: finds the method (any case), validates its parameters against
 * the spec, applies flood control, and calls the implementation. A spec method without an
 * implementation is validated, then answered 400 `method <name> is not supported by the emulator`;
 * a name the spec does not know (and no implementation has) gets 404 `method not found`.
 *
 * Shared by HTTP requests and webhook replies, so both behave the same.
 */
export class MethodRunner {
  private readonly specsByLower = new Map<string, { name: string; spec: MethodSpecLike }>();
  private readonly typeSpecs: Readonly<Record<string, TypeSpecLike>>;

  /** @param options - the world, registry, clock, flood control and specs */
  constructor(private readonly options: MethodRunnerOptions) {
    const specs: Readonly<Record<string, MethodSpecLike>> = options.specs ?? METHOD_SPECS;
    this.typeSpecs = options.typeSpecs ?? TYPE_SPECS;
    for (const [name, spec] of Object.entries(specs)) {
      this.specsByLower.set(name.toLowerCase(), { name, spec });
    }
  }

  /**
   * Runs `method` as `bot`.
   *
   * @param bot - the calling bot
   * @param method - the method name as the bot spelled it
   * @param raw - raw parameters (strings or JSON values)
   * @param files - multipart uploads by part name
   * @param signal - aborted when the client goes away (ends a waiting long poll)
   * @returns the result
   * @throws ApiError with Telegram's code and description
   */
  async run(
    bot: BotAccount,
    method: string,
    raw: Readonly<Record<string, unknown>>,
    files: ReadonlyMap<string, UploadedFile> = new Map(),
    signal: AbortSignal = NEVER,
  ): Promise<MethodOutcome> {
    const lower = method.toLowerCase();
    const known = this.specsByLower.get(lower);
    const impl = this.options.methods[lower];
    if (known === undefined && impl === undefined) {
      throw new ApiError(404, 'Not Found: method not found');
    }
    const loggedOut = bot.updates.loggedOutUntil;
    if (loggedOut !== undefined && this.options.clock.now() < loggedOut) {
      throw new ApiError(401, 'Unauthorized');
    }
    const name = known?.name ?? method;
    const params =
      known === undefined
        ? { ...raw }
        : validateParams(name, known.spec.params, raw, files, this.typeSpecs);
    if (impl === undefined) throw badRequest(`method ${name} is not supported by the emulator`);
    const { world, clock, flood } = this.options;
    const undo = flood.take(bot.id, name, params.chat_id, clock.now());
    try {
      const value = await impl({
        method: name,
        bot,
        params,
        files,
        world,
        clock,
        signal,
        call: async (m, p, f) => (await this.run(bot, m, p, f)).result,
      });
      return value instanceof DescribedResult
        ? { result: value.result, description: value.description }
        : { result: value };
    } catch (error) {
      undo();
      if (error instanceof ApiError) throw error;
      debug('method %s threw: %O', name, error);
      throw new ApiError(500, 'Internal Server Error', undefined, { cause: error });
    }
  }
}
