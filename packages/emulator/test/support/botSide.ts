import { ManualClock, type Clock } from '@delegram/api';
import { badRequest } from '../../src/ApiError.js';
import { Faults } from '../../src/server/Faults.js';
import { FloodControl } from '../../src/server/FloodControl.js';
import { HttpServer } from '../../src/server/HttpServer.js';
import type { MethodContext, MethodImpl } from '../../src/methods/MethodContext.js';
import { UPDATE_METHODS } from '../../src/methods/updates.js';
import { BotUpdates } from '../../src/updates/BotUpdates.js';
import type { BotAccount } from '../../src/world/BotAccount.js';
import type { World } from '../../src/world/World.js';

/** A token of Telegram's shape for test bots. */
export const TOKEN = '123456:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1';
/** A second test bot. */
export const TOKEN2 = '654321:BBHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw2';

/** What the echo methods answer: the decoded params and a summary of the uploads. */
export function echo(ctx: MethodContext): unknown {
  return {
    method: ctx.method,
    params: ctx.params,
    files: [...ctx.files.values()].map((f) => ({
      field: f.field,
      filename: f.filename,
      contentType: f.contentType,
      text: f.data.toString('utf8'),
    })),
  };
}

/**
 * A bot side with a tiny stand-in world (bots and downloadable files only), for testing the
 * server apart from the world engineer's model.
 */
export class BotSide {
  readonly clock: Clock;
  readonly faults = new Faults({ seed: 42 });
  readonly flood: FloodControl;
  readonly bots = new Map<string, BotAccount>();
  readonly files = new Map<string, { data: Buffer; mimeType?: string }>();
  /** Calls of the test `sendMessage` as the method saw them. */
  readonly sent: Record<string, unknown>[] = [];
  readonly server: HttpServer;
  apiRoot = '';

  constructor(
    options: { clock?: Clock; flood?: boolean; methods?: Record<string, MethodImpl> } = {},
  ) {
    this.clock = options.clock ?? new ManualClock(1_000_000_000);
    this.flood = new FloodControl({ enabled: options.flood ?? false });
    const world = {
      botByToken: (token: string) => this.bots.get(token),
      files: { byPath: (path: string) => this.files.get(path) },
    } as unknown as World;
    const methods: Record<string, MethodImpl> = {
      ...UPDATE_METHODS,
      getme: (ctx) => ({ id: ctx.bot.id, is_bot: true, first_name: 'Test' }),
      sendmessage: (ctx) => {
        if (ctx.params.text === 'fail') throw badRequest('chat not found');
        this.sent.push(ctx.params);
        return {
          message_id: this.sent.length,
          chat: { id: ctx.params.chat_id },
          text: ctx.params.text,
        };
      },
      senddocument: echo,
      setmycommands: echo,
      sendlocation: echo,
      getchat: echo,
      answercallbackquery: echo,
      ...options.methods,
    };
    this.server = new HttpServer({
      world,
      methods,
      clock: this.clock,
      faults: this.faults,
      flood: this.flood,
    });
    this.addBot(TOKEN);
  }

  /** Registers a bot with its own update queue. */
  addBot(token: string): BotAccount {
    const bot = {
      id: Number(token.split(':')[0]),
      token,
      username: 'test_bot',
      updates: new BotUpdates({ clock: this.clock }),
    } as unknown as BotAccount;
    this.bots.set(token, bot);
    return bot;
  }

  bot(token = TOKEN): BotAccount {
    return this.bots.get(token)!;
  }

  async start(): Promise<this> {
    const { port } = await this.server.listen(0, '127.0.0.1');
    this.apiRoot = `http://127.0.0.1:${port}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const bot of this.bots.values()) bot.updates.dispose();
    await this.server.close();
  }

  /** POSTs JSON params to a method and returns status, headers and the parsed body. */
  async call(
    method: string,
    params: Record<string, unknown> = {},
    token = TOKEN,
  ): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
    return this.fetchJson(`/bot${token}/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(params),
    });
  }

  /** Fetches a path and parses the JSON answer. */
  async fetchJson(
    path: string,
    init?: RequestInit,
  ): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
    const res = await fetch(this.apiRoot + path, init);
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      body: JSON.parse(text) as Record<string, unknown>,
    };
  }
}
