// The test acting as a bot: calls the emulator's Bot API over loopback HTTP and reads updates
// with short (timeout 0) getUpdates, so tests drive both sides step by step.
import type { Update } from '@delegram/api';
import type { BotAccount, Emulator } from '@delegram/emulator';

/** A Bot API error answer, with Telegram's fields. */
export class BotCallError extends Error {
  override readonly name = 'BotCallError';
  constructor(
    readonly method: string,
    readonly errorCode: number,
    readonly description: string,
  ) {
    super(`${method}: ${errorCode} ${description}`);
  }
}

/** A file part of a multipart request. */
export interface FilePart {
  readonly data: Uint8Array;
  readonly filename?: string;
  readonly type?: string;
}

/** One bot, driven by the test over HTTP. */
export class TestBot {
  private offset = 0;

  constructor(
    readonly emu: Emulator,
    readonly account: BotAccount,
  ) {}

  get id(): number {
    return this.account.id;
  }

  /** Calls a method with a JSON body; resolves with `result` or throws {@link BotCallError}. */
  // Results are whatever JSON the method returns; tests read them loosely.
  async call<T = any>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const response = await fetch(`${this.emu.apiRoot}/bot${this.account.token}/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(params),
    });
    return this.unwrap<T>(method, response);
  }

  /** Calls a method as multipart/form-data with uploads. */
  async upload<T = any>(
    method: string,
    params: Record<string, unknown>,
    files: Record<string, FilePart>,
  ): Promise<T> {
    const form = new FormData();
    for (const [k, v] of Object.entries(params)) {
      form.append(k, typeof v === 'string' ? v : JSON.stringify(v));
    }
    for (const [k, f] of Object.entries(files)) {
      form.append(
        k,
        new Blob([f.data], { type: f.type ?? 'application/octet-stream' }),
        f.filename ?? k,
      );
    }
    const response = await fetch(`${this.emu.apiRoot}/bot${this.account.token}/${method}`, {
      method: 'POST',
      body: form,
    });
    return this.unwrap<T>(method, response);
  }

  /** Calls a method expecting an error; resolves with it (fails the test if the call succeeds). */
  async fails(method: string, params: Record<string, unknown> = {}): Promise<BotCallError> {
    try {
      await this.call(method, params);
    } catch (error) {
      if (error instanceof BotCallError) return error;
      throw error;
    }
    throw new Error(`${method} succeeded but was expected to fail`);
  }

  /** Unconfirmed updates now (confirms the ones returned last time). */
  async updates(): Promise<Update[]> {
    const updates = await this.call<Update[]>('getUpdates', { offset: this.offset, timeout: 0 });
    const last = updates.at(-1);
    if (last !== undefined) this.offset = last.update_id + 1;
    return updates;
  }

  /** Waits (polling with long-poll requests) for the next update that has `kind`. */
  async next<K extends keyof Update>(kind: K): Promise<NonNullable<Update[K]>> {
    for (let i = 0; i < 50; i++) {
      const updates = await this.call<Update[]>('getUpdates', { offset: this.offset, timeout: 1 });
      for (const update of updates) {
        this.offset = update.update_id + 1;
        const value = update[kind];
        if (value !== undefined) return value;
      }
    }
    throw new Error(`no ${String(kind)} update arrived`);
  }

  private async unwrap<T>(method: string, response: Response): Promise<T> {
    const body = (await response.json()) as {
      ok: boolean;
      result?: T;
      error_code?: number;
      description?: string;
    };
    if (!body.ok) throw new BotCallError(method, body.error_code ?? 0, body.description ?? '');
    return body.result as T;
  }
}
