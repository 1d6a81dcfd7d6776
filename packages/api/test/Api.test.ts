import { Agent as HttpAgent } from 'node:http';

import { afterEach, describe, expect, it } from 'vitest';

import { Api } from '../src/Api.js';
import type { FetchLike } from '../src/FetchLike.js';
import type { Transformer } from '../src/Transformer.js';
import { fail, ok, startBotServer } from './support/botServer.js';
import type { BotServer } from './support/botServer.js';

const TOKEN = '123456:AAE-test_token_value_0123456789abcd';
const message = { message_id: 7, date: 1, chat: { id: 42, type: 'private' }, text: 'hi' };

let server: BotServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('Api', () => {
  it('posts a JSON body to /bot<token>/<method> and returns the result', async () => {
    server = await startBotServer((_, res) => ok(res, message));
    const api = new Api(TOKEN, { apiRoot: server.apiRoot });
    // A JavaScript caller may leave undefined values in; they are not sent.
    const other = { parse_mode: 'HTML', disable_notification: undefined } as { parse_mode: 'HTML' };
    const sent = await api.sendMessage(42, 'hi', other);
    expect(sent).toEqual(message);
    const [request] = server.requests;
    expect(request?.httpMethod).toBe('POST');
    expect(request?.path).toBe(`/bot${TOKEN}/sendMessage`);
    expect(request?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request!.body.toString())).toEqual({
      chat_id: 42,
      text: 'hi',
      parse_mode: 'HTML',
    });
  });

  it('offers every method on raw, all going through call', async () => {
    server = await startBotServer((r, res) =>
      ok(res, r.path.endsWith('/getMe') ? { id: 1 } : true),
    );
    const api = new Api(TOKEN, { apiRoot: `${server.apiRoot}/` });
    expect(typeof api.raw.sendMediaGroup).toBe('function');
    expect(typeof api.raw.getGameHighScores).toBe('function');
    expect(await api.raw.getMe()).toEqual({ id: 1 });
    expect(await api.call('deleteWebhook', { drop_pending_updates: true })).toBe(true);
    expect(server.requests.map((r) => r.path)).toEqual([
      `/bot${TOKEN}/getMe`,
      `/bot${TOKEN}/deleteWebhook`,
    ]);
    expect(server.requests[0]?.body.toString()).toBe('{}');
  });

  it('uses /bot<token>/test/<method> in the test environment', async () => {
    server = await startBotServer((_, res) => ok(res, true));
    const api = new Api(TOKEN, { apiRoot: server.apiRoot, testEnvironment: true });
    await api.raw.close();
    expect(server.requests[0]?.path).toBe(`/bot${TOKEN}/test/close`);
  });

  it('sends through an injected fetch', async () => {
    const seen: string[] = [];
    const fetch: FetchLike = (url, init) => {
      seen.push(`${init.method} ${url} ${typeof init.body === 'string' ? init.body : 'stream'}`);
      return Promise.resolve({
        status: 200,
        headers: { get: () => null },
        text: () => Promise.resolve('{"ok":true,"result":{"id":5}}'),
        body: null,
      });
    };
    const api = new Api(TOKEN, { apiRoot: 'http://bots.invalid', fetch });
    expect(await api.getMe()).toEqual({ id: 5 });
    expect(seen).toEqual([`POST http://bots.invalid/bot${TOKEN}/getMe {}`]);
  });

  it('works on the global fetch as the injected fetch', async () => {
    server = await startBotServer((_, res) => ok(res, true));
    const api = new Api(TOKEN, {
      apiRoot: server.apiRoot,
      fetch: (url, init) => globalThis.fetch(url, init),
    });
    expect(await api.raw.logOut()).toBe(true);
  });

  it('reuses one keep-alive connection for consecutive calls by default', async () => {
    const ports = new Set<number>();
    server = await startBotServer((_, res, req) => {
      ports.add(req.socket.remotePort ?? 0);
      ok(res, true);
    });
    const api = new Api(TOKEN, { apiRoot: server.apiRoot });
    for (let i = 0; i < 5; i++) await api.deleteWebhook();
    expect(server.requests).toHaveLength(5);
    expect(ports.size).toBe(1);
  });

  it('sends through a user-supplied agent (e.g. a proxy agent)', async () => {
    server = await startBotServer((_, res) => ok(res, true));
    class CountingAgent extends HttpAgent {
      connections = 0;
      override createConnection(
        ...args: Parameters<HttpAgent['createConnection']>
      ): ReturnType<HttpAgent['createConnection']> {
        this.connections++;
        return super.createConnection(...args);
      }
    }
    const agent = new CountingAgent();
    const api = new Api(TOKEN, { apiRoot: server.apiRoot, agent });
    await api.logOut();
    expect(agent.connections).toBe(1);
    agent.destroy();
  });

  it('asks an agent function for an agent with the request URL as a URL object', async () => {
    server = await startBotServer((_, res) => ok(res, true));
    const agent = new HttpAgent({ keepAlive: true });
    const seen: unknown[] = [];
    const api = new Api(TOKEN, {
      apiRoot: server.apiRoot,
      agent: (url) => {
        seen.push(url);
        return agent;
      },
    });
    await api.logOut();
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeInstanceOf(URL);
    expect((seen[0] as URL).pathname).toBe(`/bot${TOKEN}/logOut`);
    agent.destroy();
  });

  it('runs transformers around call, the last installed outermost', async () => {
    server = await startBotServer((_, res) => ok(res, true));
    const order: string[] = [];
    const tag =
      (name: string): Transformer =>
      async (prev, method, payload, signal) => {
        order.push(`${name}>${method}`);
        const result = await prev(method, payload, signal);
        order.push(`<${name}`);
        return result;
      };
    const api = new Api(TOKEN, { apiRoot: server.apiRoot }).use(tag('a')).use(tag('b'));
    await api.deleteWebhook();
    expect(order).toEqual(['b>deleteWebhook', 'a>deleteWebhook', '<a', '<b']);
  });

  it('lets a transformer answer without any request', async () => {
    const api = new Api(TOKEN, { apiRoot: 'http://127.0.0.1:1' });
    api.use(async (prev, method, payload, signal) =>
      method === 'getMe' ? ({ id: 99 } as never) : prev(method, payload, signal),
    );
    expect(await api.getMe()).toEqual({ id: 99 });
  });

  it('rejects malformed tokens early without repeating them', () => {
    for (const bad of ['', 'nocolon', '0:abc', '12:abc/def', ' 12:abc', '12:ab cd']) {
      let error: unknown;
      try {
        new Api(bad);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(TypeError);
      expect((error as Error).message).toMatch(/bot token is malformed/);
      if (bad.length > 3) expect((error as Error).message).not.toContain(bad.trim());
    }
    expect(() => new Api(undefined as unknown as string)).toThrow(/must be a string/);
  });

  it('rejects bad options with a message saying what to give', () => {
    expect(() => new Api(TOKEN, { apiRoot: 'api.telegram.org' })).toThrow(/absolute http\(s\) URL/);
    expect(() => new Api(TOKEN, { apiRoot: 'ftp://x' })).toThrow(/http: or https:/);
    expect(() => new Api(TOKEN, { timeoutMs: 0 })).toThrow(/timeoutMs must be a positive/);
    expect(() => new Api(TOKEN).use(42 as unknown as Transformer)).toThrow(/must be a function/);
  });

  it('rejects a payload that is not an object before sending', async () => {
    server = await startBotServer((_, res) => fail(res, 400, 'Bad Request'));
    const api = new Api(TOKEN, { apiRoot: server.apiRoot });
    await expect(api.call('sendMessage', 'hi' as never)).rejects.toThrow(
      /payload must be an object/,
    );
    expect(server.requests).toHaveLength(0);
  });
});
