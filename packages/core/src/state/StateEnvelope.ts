import { StateFormatError } from './errors.js';

/** The envelope format this version of delegram writes and reads. */
export const ENVELOPE_FORMAT = 1;

/**
 * A stored state with what delegram keeps beside it, as one value written atomically. Its JSON
 * form is documented in `docs/state.md`:
 * `{"delegram":1,"schema":1,"at":1733990400000,"u":8123,"e":["…"],"fx":{"u":8124,"done":["…"]},"data":…}`.
 */
export interface StateEnvelope {
  /** The user's schema version of `data`. */
  readonly schema: number;
  /** When it was written, in clock milliseconds. */
  readonly savedAt: number;
  /** The `update_id` of the last update applied to this state, if any. */
  readonly lastUpdateId: number | undefined;
  /** Ids of the durable scheduled events applied most recently (newest last, at most 32). */
  readonly events: readonly string[] | undefined;
  /**
   * Side effects already done for an update in progress (`once()`), written before the update's
   * state is: if that update comes again after a crash they are not done twice.
   */
  readonly effects: { readonly updateId: number; readonly done: readonly string[] } | undefined;
  /** The state in its stored form (`undefined` when {@link StateEnvelope.empty}). */
  readonly data: unknown;
  /**
   * No state was saved yet: the envelope only records side effects of an update in progress
   * (`"none":true` in place of `"data"`). It loads as nothing stored.
   */
  readonly empty?: boolean | undefined;
}

/** How many applied event ids an envelope remembers. */
export const REMEMBERED_EVENTS = 32;

/**
 * Writes an envelope as its JSON text.
 *
 * @param envelope - the envelope's fields but `data`
 * @param dataJson - the JSON text of `data` (storable: see `checkStorable`); `undefined` when no
 *   state was saved yet (an envelope of side effects only)
 * @returns the text to store
 */
export function encodeEnvelope(
  envelope: Omit<StateEnvelope, 'data' | 'empty'>,
  dataJson: string | undefined,
): string {
  const out: Record<string, unknown> = {
    delegram: ENVELOPE_FORMAT,
    schema: envelope.schema,
    at: envelope.savedAt,
  };
  if (envelope.lastUpdateId !== undefined) out['u'] = envelope.lastUpdateId;
  if (envelope.events !== undefined && envelope.events.length > 0) out['e'] = envelope.events;
  if (envelope.effects !== undefined) {
    out['fx'] = { u: envelope.effects.updateId, done: envelope.effects.done };
  }
  if (dataJson === undefined) return JSON.stringify({ ...out, none: true });
  const head = JSON.stringify(out);
  return `${head.slice(0, -1)},"data":${dataJson}}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/**
 * Reads an envelope from its JSON text, checking every field.
 *
 * @param key - the store key (named in errors)
 * @param text - the stored text
 * @returns the envelope
 * @throws {@link StateFormatError} when the text is not a delegram envelope of a known format
 */
export function decodeEnvelope(key: string, text: string): StateEnvelope {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch (error) {
    throw new StateFormatError(key, 'it is not JSON', { cause: error });
  }
  if (!isRecord(parsed) || !('delegram' in parsed)) {
    throw new StateFormatError(key, 'it is not a delegram state envelope');
  }
  const fail = (what: string): never => {
    throw new StateFormatError(key, what);
  };
  if (parsed['delegram'] !== ENVELOPE_FORMAT) {
    fail(`its envelope format is ${JSON.stringify(parsed['delegram'])}, this delegram reads 1`);
  }
  const schema = parsed['schema'];
  if (typeof schema !== 'number' || !Number.isSafeInteger(schema) || schema < 1) {
    fail('its schema is not a positive integer');
  }
  const at = parsed['at'];
  if (typeof at !== 'number' || !Number.isFinite(at)) fail('its time "at" is not a number');
  const u = parsed['u'];
  if (u !== undefined && (typeof u !== 'number' || !Number.isSafeInteger(u))) {
    fail('its update id "u" is not an integer');
  }
  const e = parsed['e'];
  if (e !== undefined && !isStringList(e)) fail('its event list "e" is not a list of strings');
  const fx = parsed['fx'];
  let effects: StateEnvelope['effects'];
  if (fx !== undefined) {
    if (
      !isRecord(fx) ||
      typeof fx['u'] !== 'number' ||
      !Number.isSafeInteger(fx['u']) ||
      !isStringList(fx['done'])
    ) {
      fail('its effects "fx" are not { u, done }');
    }
    const record = fx as { u: number; done: string[] };
    effects = { updateId: record.u, done: record.done };
  }
  const empty = parsed['none'] === true;
  if (!empty && !('data' in parsed)) fail('it has no data');
  return {
    ...(empty ? { empty } : {}),
    schema: schema as number,
    savedAt: at as number,
    lastUpdateId: u as number | undefined,
    events: e as string[] | undefined,
    effects,
    data: parsed['data'],
  };
}
