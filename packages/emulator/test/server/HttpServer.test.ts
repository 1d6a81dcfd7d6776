import createDebug from 'debug';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BotSide, TOKEN, TOKEN2 } from '../support/botSide.js';

describe('HttpServer', () => {
  let side: BotSide;
  beforeEach(async () => {
    side = await new BotSide().start();
  });
  afterEach(async () => {
    await side.stop();
  });

  describe('envelope and routing', () => {
    it('answers a method with ok:true, the result and a JSON content type', async () => {
      const { status, headers, body } = await side.call('getMe');
      expect(status).toBe(200);
      expect(headers.get('content-type')).toBe('application/json');
      expect(body).toEqual({ ok: true, result: { id: 123456, is_bot: true, first_name: 'Test' } });
    });

    it('matches method names without case', async () => {
      expect((await side.call('GETME')).body.ok).toBe(true);
      expect((await side.call('getme')).body.ok).toBe(true);
    });

    it('answers the test-environment path with the same bots', async () => {
      const { body } = await side.fetchJson(`/bot${TOKEN}/test/getMe`);
      expect(body).toMatchObject({ ok: true, result: { id: 123456 } });
    });

    it('takes the method from the method parameter when the path has none', async () => {
      const { body } = await side.fetchJson(`/bot${TOKEN}/?method=getMe`);
      expect(body).toMatchObject({ ok: true, result: { id: 123456 } });
    });

    it('serves several bots at once', async () => {
      side.addBot(TOKEN2);
      const [a, b] = await Promise.all([side.call('getMe'), side.call('getMe', {}, TOKEN2)]);
      expect(a.body.result).toMatchObject({ id: 123456 });
      expect(b.body.result).toMatchObject({ id: 654321 });
    });

    it('answers a malformed token with 401 invalid token specified', async () => {
      for (const token of ['nocolon', '0:abc', '-5:abc', 'abc:def', 'x'.repeat(81) + ':1']) {
        const { status, body } = await side.call('getMe', {}, token);
        expect(status).toBe(401);
        expect(body).toEqual({
          ok: false,
          error_code: 401,
          description: 'Unauthorized: invalid token specified',
        });
      }
    });

    it('answers a well-formed but unknown token with 401 Unauthorized', async () => {
      const { status, body } = await side.call('getMe', {}, '999:unknownsecret');
      expect(status).toBe(401);
      expect(body).toEqual({ ok: false, error_code: 401, description: 'Unauthorized' });
    });

    it('answers an unknown method with 404 method not found', async () => {
      const { status, body } = await side.call('fooBar');
      expect(status).toBe(404);
      expect(body).toEqual({
        ok: false,
        error_code: 404,
        description: 'Not Found: method not found',
      });
    });

    it('answers a spec method without implementation with a 400 naming it, after validation', async () => {
      const { status, body } = await side.call('sendDice', { chat_id: 1 });
      expect(status).toBe(400);
      expect(body.description).toBe(
        'Bad Request: method sendDice is not supported by the emulator',
      );
      expect((await side.call('senddice')).body.description).toBe('Bad Request: chat_id is empty');
    });

    it('answers other paths with 404 Not Found', async () => {
      for (const path of ['/', '/bot', `/bot${TOKEN}`, `/bot${TOKEN}/a/b`, '/other']) {
        const { status, body } = await side.fetchJson(path);
        expect(status).toBe(404);
        expect(body).toEqual({ ok: false, error_code: 404, description: 'Not Found' });
      }
    });

    it('hands paths it does not own to extraRoutes', async () => {
      await side.stop();
      const { HttpServer } = await import('../../src/server/HttpServer.js');
      const server = new HttpServer({
        world: { botByToken: () => undefined } as never,
        methods: {},
        clock: side.clock,
        faults: side.faults,
        flood: side.flood,
        extraRoutes: (_req, res, url) => {
          if (url.pathname !== '/control/ping') return false;
          res.end('pong');
          return true;
        },
      });
      const { port } = await server.listen(0, '127.0.0.1');
      try {
        expect(await (await fetch(`http://127.0.0.1:${port}/control/ping`)).text()).toBe('pong');
        expect((await fetch(`http://127.0.0.1:${port}/control/other`)).status).toBe(404);
      } finally {
        await server.close();
      }
      side = await new BotSide().start();
    });
  });

  describe('parameter encodings', () => {
    it('reads the query string of a GET', async () => {
      const { body } = await side.fetchJson(`/bot${TOKEN}/sendMessage?chat_id=42&text=hi%20there`);
      expect(body).toMatchObject({ ok: true, result: { chat: { id: 42 }, text: 'hi there' } });
    });

    it('reads an urlencoded body', async () => {
      const { body } = await side.fetchJson(`/bot${TOKEN}/sendMessage`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'chat_id=-100&text=%F0%9F%91%8B',
      });
      expect(body).toMatchObject({ ok: true, result: { chat: { id: -100 }, text: '👋' } });
    });

    it('reads a JSON body, with numbers given as strings coerced', async () => {
      const { body } = await side.call('sendMessage', {
        chat_id: '7',
        text: 'x',
        disable_notification: 'true',
      });
      expect(side.sent[0]).toMatchObject({ chat_id: 7, text: 'x', disable_notification: true });
      expect(body.ok).toBe(true);
    });

    it('parses JSON-encoded strings for object and array parameters', async () => {
      const commands = [{ command: 'start', description: 'Start' }];
      const { body } = await side.fetchJson(`/bot${TOKEN}/setMyCommands`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          commands: JSON.stringify(commands),
          scope: '{"type":"default"}',
        }).toString(),
      });
      expect(body).toMatchObject({
        ok: true,
        result: { params: { commands, scope: { type: 'default' } } },
      });
    });

    it('reads multipart: uploads become files, other parts parameters', async () => {
      const form = new FormData();
      form.append('chat_id', '5');
      form.append('caption', 'report');
      form.append('document', new Blob(['file bytes'], { type: 'text/plain' }), 'a.txt');
      const { body } = await side.fetchJson(`/bot${TOKEN}/sendDocument`, {
        method: 'POST',
        body: form,
      });
      expect(body).toEqual({
        ok: true,
        result: {
          method: 'sendDocument',
          params: { chat_id: 5, caption: 'report' },
          files: [
            { field: 'document', filename: 'a.txt', contentType: 'text/plain', text: 'file bytes' },
          ],
        },
      });
    });

    it('keeps the first value of a repeated parameter, query string before body', async () => {
      const { body } = await side.fetchJson(`/bot${TOKEN}/sendMessage?text=first&text=second`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'text=third&chat_id=1&chat_id=2',
      });
      expect(body).toMatchObject({ ok: true, result: { chat: { id: 1 }, text: 'first' } });
    });

    it('answers a missing required parameter with Telegram wording', async () => {
      expect((await side.call('sendMessage', { text: 'x' })).body).toEqual({
        ok: false,
        error_code: 400,
        description: 'Bad Request: chat_id is empty',
      });
      expect((await side.call('sendMessage', { chat_id: 1 })).body.description).toBe(
        'Bad Request: message text is empty',
      );
      expect((await side.call('sendLocation', { chat_id: 1, latitude: 1 })).body.description).toBe(
        'Bad Request: parameter "longitude" is required',
      );
    });

    it('answers a wrong type and unparsable JSON with a 400', async () => {
      const bad = await side.call('sendLocation', { chat_id: 1, latitude: 'north', longitude: 2 });
      expect(bad.status).toBe(400);
      expect(bad.body.description).toBe('Bad Request: parameter "latitude" must be of type Float');
      const json = await side.fetchJson(
        `/bot${TOKEN}/sendMessage?chat_id=1&text=x&reply_markup={oops`,
      );
      expect(json.body.description).toBe(
        "Bad Request: can't parse reply keyboard markup JSON object",
      );
    });

    it('answers a missing field inside an object parameter with a 400 naming it', async () => {
      const markup = { inline_keyboard: [[{ callback_data: 'x' }]] };
      const { status, body } = await side.call('sendMessage', {
        chat_id: 1,
        text: 'x',
        reply_markup: markup,
      });
      expect(status).toBe(400);
      expect(body.description).toBe(
        'Bad Request: can\'t parse reply keyboard markup JSON object: field "reply_markup.inline_keyboard[0][0].text" is required',
      );
      const neither = await side.call('sendMessage', {
        chat_id: 1,
        text: 'x',
        reply_markup: { foo: 1 },
      });
      expect(neither.body.description).toBe(
        "Bad Request: can't parse reply keyboard markup JSON object",
      );
      const fine = await side.call('sendMessage', {
        chat_id: 1,
        text: 'x',
        reply_markup: { keyboard: [[{ text: 'yes' }]] },
      });
      expect(fine.body.ok).toBe(true);
    });

    it('answers a body that is not JSON with a 400', async () => {
      const { status, body } = await side.fetchJson(`/bot${TOKEN}/getMe`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{not json',
      });
      expect(status).toBe(400);
      expect(body.description).toBe("Bad Request: can't parse JSON encoded request body");
    });
  });

  describe('logging', () => {
    it('logs calls through debug without the token', async () => {
      const lines: string[] = [];
      const previousLog = createDebug.log;
      const previousNamespaces = createDebug.disable();
      createDebug.enable('delegram:*');
      createDebug.log = (...args: unknown[]) => lines.push(args.map(String).join(' '));
      try {
        await side.call('getMe');
        await side.call('sendMessage', { chat_id: 1, text: 'fail' });
        await side.fetchJson(`/bot${TOKEN}/sendMessage?chat_id=1&reply_markup={`);
      } finally {
        createDebug.log = previousLog;
        createDebug.disable();
        if (previousNamespaces !== '') createDebug.enable(previousNamespaces);
      }
      expect(lines.some((l) => l.includes('getMe') && l.includes('ok'))).toBe(true);
      expect(lines.some((l) => l.includes('chat not found'))).toBe(true);
      expect(lines.join('\n')).not.toContain(TOKEN.split(':')[1]);
    });
  });

  describe('file downloads', () => {
    it('serves stored bytes at /file/bot<token>/<file_path>, also under test/', async () => {
      side.files.set('documents/file_1.txt', {
        data: Buffer.from('hello'),
        mimeType: 'text/plain',
      });
      const res = await fetch(`${side.apiRoot}/file/bot${TOKEN}/documents/file_1.txt`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/plain');
      expect(await res.text()).toBe('hello');
      const test = await fetch(`${side.apiRoot}/file/bot${TOKEN}/test/documents/file_1.txt`);
      expect(await test.text()).toBe('hello');
    });

    it('answers an unknown file with 404 and a bad token with 401', async () => {
      expect((await side.fetchJson(`/file/bot${TOKEN}/nope.jpg`)).body).toEqual({
        ok: false,
        error_code: 404,
        description: 'Not Found',
      });
      expect((await side.fetchJson(`/file/bot999:zz/nope.jpg`)).status).toBe(401);
    });
  });
});
