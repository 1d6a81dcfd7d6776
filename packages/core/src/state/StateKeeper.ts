import createDebug from 'debug';
import type { EventData } from '../flavor.js';
import type { Incoming } from '../Incoming.js';
import { checkStorable } from './checkStorable.js';
import { StateFormatError, StateSchemaError } from './errors.js';
import { decodeEnvelope, encodeEnvelope, REMEMBERED_EVENTS } from './StateEnvelope.js';
import type { StateEnvelope } from './StateEnvelope.js';
import type { ResolvedStateOptions } from './StateOptions.js';
import type { StateContext, StateService } from './StateService.js';
import type { StoredValue } from './StateStore.js';

const log = createDebug('delegram:state');

/**
 * Telegram restarts update ids at random after a week without updates. A stored update id older
 * than this can no longer tell a redelivery from a new update, so it is not used to skip.
 */
export const UPDATE_ID_RESTART_MS = 7 * 24 * 60 * 60 * 1000;

/** What loading found: nothing stored (start from the initial state), or a value. */
export type Loaded = { readonly found: false } | { readonly found: true; readonly value: unknown };

/** What a save did. */
export type SaveOutcome =
  | { readonly kind: 'saved' }
  | { readonly kind: 'unchanged' }
  /** Another writer won; the keeper adopted what it wrote (`loaded`). */
  | { readonly kind: 'conflict'; readonly loaded: Loaded };

/** The id of a durable scheduled event, if the message is one. */
export function scheduledEventId(incoming: Incoming): string | undefined {
  if (incoming.update !== undefined) return undefined;
  const schedule = (incoming.msg as EventData | undefined)?.['schedule'];
  const id = (schedule as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? id : undefined;
}

/**
 * The durable state of one key: loads it, tells which updates it has applied already, and saves it
 * after each handled update when it changed, with compare-and-set on the version it read. One
 * keeper serves one delegate or session key, one update at a time.
 *
 * @internal
 */
export class StateKeeper {
  /** Whether {@link StateKeeper.load} has run. */
  loaded = false;
  private version = 0;
  private lastUpdateId: number | undefined;
  private savedAt = 0;
  private events: readonly string[] = [];
  private effects: StateEnvelope['effects'];
  /** The JSON of the stored form of the last state read or written. */
  private lastJson: string | undefined;
  /** Set after a migration or reset: the next handled update saves even if nothing changed. */
  private dirty = false;
  /** What the store holds now, as written (data JSON and its schema): `once()` rewrites it. */
  private kept: { readonly json: string | undefined; readonly schema: number } = {
    json: undefined,
    schema: 1,
  };

  /**
   * @param service - the bot's state machinery
   * @param key - the store key
   * @param options - how this state is stored
   */
  constructor(
    private readonly service: StateService,
    readonly key: string,
    private readonly options: ResolvedStateOptions,
  ) {}

  /**
   * Reads the stored state (retrying while the store fails).
   *
   * @param context - the update, for error reports
   * @returns what was found, decoded and migrated
   * @throws {@link StateFormatError} or {@link StateSchemaError} for an unusable value (unless
   *   `onInvalid` is `'reset'`), `StateSaveError` when the bot stopped first
   */
  async load(context: StateContext): Promise<Loaded> {
    const stored = await this.service.retry(
      this.key,
      'load',
      () => this.service.store.get(this.key),
      context,
    );
    this.service.stats.loads += 1;
    const loaded = this.adopt(stored, context);
    this.loaded = true;
    return loaded;
  }

  /**
   * Takes a stored value in as the current one (after a load, or a lost compare-and-set).
   *
   * @returns the decoded state
   */
  private adopt(stored: StoredValue | undefined, context: StateContext): Loaded {
    if (stored === undefined) {
      this.reset(0);
      return { found: false };
    }
    try {
      const envelope = decodeEnvelope(this.key, stored.value);
      const value = envelope.empty === true ? undefined : this.decode(envelope);
      this.version = stored.version;
      this.lastUpdateId = envelope.lastUpdateId;
      this.savedAt = envelope.savedAt;
      this.events = envelope.events ?? [];
      this.effects = envelope.effects;
      this.kept = {
        json: envelope.empty === true ? undefined : JSON.stringify(envelope.data),
        schema: envelope.schema,
      };
      if (envelope.empty === true) {
        this.dirty = false;
        this.lastJson = undefined;
        return { found: false };
      }
      this.dirty = envelope.schema !== this.options.schema;
      // After a migration, the migrated state is what an undo or the next update starts from
      // (`dirty` makes the next save write it even if the update changes nothing).
      this.lastJson = this.dirty ? this.storedForm(value) : JSON.stringify(envelope.data);
      return { found: true, value };
    } catch (error) {
      if (this.options.onInvalid !== 'reset') throw error;
      log('resetting %s: %O', this.key, error);
      this.service.reportReset(error, context);
      this.reset(stored.version);
      this.dirty = true;
      return { found: false };
    }
  }

  private reset(version: number): void {
    this.version = version;
    this.lastUpdateId = undefined;
    this.savedAt = 0;
    this.events = [];
    this.effects = undefined;
    this.lastJson = undefined;
    this.kept = { json: undefined, schema: this.options.schema };
  }

  private decode(envelope: StateEnvelope): unknown {
    const { schema, migrate, codec } = this.options;
    let data = envelope.data;
    if (envelope.schema !== schema) {
      if (envelope.schema > schema || migrate === undefined) {
        throw new StateSchemaError(this.key, envelope.schema, schema);
      }
      try {
        return migrate(data, envelope.schema);
      } catch (error) {
        throw new StateFormatError(this.key, `migrate() from schema ${envelope.schema} threw`, {
          cause: error,
        });
      }
    }
    if (codec !== undefined) {
      try {
        data = codec.decode(data);
      } catch (error) {
        throw new StateFormatError(this.key, 'the codec could not decode it', { cause: error });
      }
    }
    return data;
  }

  /**
   * Tells whether the state has applied this update (or durable event) already: an update
   * redelivered after a crash, whose id is at or below the one saved with the state (while that
   * id is younger than Telegram's id restart), or a durable event it recorded.
   *
   * @param incoming - the update or event
   * @returns `true` to skip it
   */
  isApplied(incoming: Incoming): boolean {
    const update = incoming.update;
    if (update !== undefined) {
      const last = this.lastUpdateId;
      return (
        last !== undefined &&
        update.update_id <= last &&
        this.service.clock.now() - this.savedAt < UPDATE_ID_RESTART_MS
      );
    }
    const id = scheduledEventId(incoming);
    return id !== undefined && this.events.includes(id);
  }

  /**
   * Tells whether a side effect (`once(name)`) was done already for this update.
   *
   * @param incoming - the update being handled
   * @param name - the effect's name
   */
  effectDone(incoming: Incoming, name: string): boolean {
    const id = incoming.update?.update_id;
    return id !== undefined && this.effects?.updateId === id && this.effects.done.includes(name);
  }

  /**
   * Records that a side effect was done for this update, before the update's state is saved, so
   * that a redelivery after a crash does not do it again. The state itself is not written.
   *
   * @param incoming - the update being handled
   * @param name - the effect's name
   * @param context - for error reports
   * @returns `false` when another writer got there first (the record is not written)
   */
  async recordEffect(incoming: Incoming, name: string, context: StateContext): Promise<boolean> {
    const id = incoming.update?.update_id;
    if (id === undefined) return true;
    const done = this.effects?.updateId === id ? [...this.effects.done, name] : [name];
    const effects = { updateId: id, done };
    const at = this.service.clock.now();
    const text = this.envelopeText(
      this.kept.json,
      this.kept.schema,
      at,
      this.lastUpdateId,
      this.events,
      effects,
    );
    const result = await this.write(text, context);
    if (!result.ok) return false;
    this.effects = effects;
    this.savedAt = at;
    return true;
  }

  /**
   * Saves the state after an update (or durable event) was applied, if it changed.
   *
   * @param value - the state now
   * @param incoming - the update or event that was applied (`undefined` after `onIdle`)
   * @param context - for error reports
   * @returns saved, unchanged, or a conflict (with what the other writer stored, adopted)
   * @throws `StateSerializationError` when the state cannot be stored, `StateSaveError` when the
   *   bot stopped before the store took it
   */
  async save(
    value: unknown,
    incoming: Incoming | undefined,
    context: StateContext,
  ): Promise<SaveOutcome> {
    const codec = this.options.codec;
    const data = codec === undefined ? value : codec.encode(value);
    checkStorable(data);
    const json = JSON.stringify(data);
    if (json === this.lastJson && !this.dirty) {
      this.service.stats.unchanged += 1;
      return { kind: 'unchanged' };
    }
    const updateId = incoming?.update?.update_id ?? this.lastUpdateId;
    const eventId = incoming === undefined ? undefined : scheduledEventId(incoming);
    const events =
      eventId === undefined ? this.events : [...this.events, eventId].slice(-REMEMBERED_EVENTS);
    const at = this.service.clock.now();
    const text = this.envelopeText(json, this.options.schema, at, updateId, events, undefined);
    const result = await this.write(text, context);
    if (!result.ok) return { kind: 'conflict', loaded: this.adopt(result.current, context) };
    this.savedAt = at;
    this.lastJson = json;
    this.kept = { json, schema: this.options.schema };
    this.lastUpdateId = updateId;
    this.events = events;
    this.effects = undefined;
    this.dirty = false;
    this.service.stats.saves += 1;
    return { kind: 'saved' };
  }

  /** The JSON of a state's stored form, or `undefined` when it cannot be stored. */
  private storedForm(value: unknown): string | undefined {
    try {
      const codec = this.options.codec;
      return JSON.stringify(codec === undefined ? value : codec.encode(value));
    } catch {
      return undefined;
    }
  }

  /** The last state read or written, decoded again (to undo a failed handler's changes). */
  lastSaved(): Loaded {
    if (this.lastJson === undefined) return { found: false };
    const data = JSON.parse(this.lastJson) as unknown;
    const codec = this.options.codec;
    return { found: true, value: codec === undefined ? data : codec.decode(data) };
  }

  private envelopeText(
    json: string | undefined,
    schema: number,
    at: number,
    updateId: number | undefined,
    events: readonly string[],
    effects: StateEnvelope['effects'],
  ): string {
    return encodeEnvelope({ schema, savedAt: at, lastUpdateId: updateId, events, effects }, json);
  }

  private async write(
    text: string,
    context: StateContext,
  ): Promise<{ ok: true } | { ok: false; current: StoredValue | undefined }> {
    const ttlMs = this.options.ttlMs;
    const result = await this.service.retry(
      this.key,
      'save',
      () =>
        this.service.store.set(this.key, text, {
          ifVersion: this.version,
          ...(ttlMs === undefined ? {} : { ttlMs }),
        }),
      context,
    );
    if (result.ok) {
      this.version = result.version;
      return { ok: true };
    }
    this.service.stats.conflicts += 1;
    log('conflict on %s: another writer saved first', this.key);
    return result;
  }
}
