// What one Bot API call costs the bot's process with each HTTP client path, measured against a
// minimal loopback server in a child process (so the server's CPU is not counted):
//   node src/e2e/clientCost.mjs [--calls 20000] [--in-flight 50] [--rounds 3]
// Prints CPU microseconds per call (user + system of this process) and calls/s for each variant,
// median of `rounds` (variants alternate within each round).
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { Agent } from 'node:http';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { Api, nodeHttpFetch } from '@delegram/api';
import { logger, numberArg, parseArgs } from '../lib/args.mjs';

const args = parseArgs(process.argv.slice(2));
const log = logger('client-cost');

if (args.serve === true) {
  // the server: answers every POST with a sendMessage-like envelope, as the emulator would
  const { createServer } = await import('node:http');
  const answer = JSON.stringify({
    ok: true,
    result: {
      message_id: 1,
      from: { id: 1, is_bot: true, first_name: 'Bot', username: 'counter_bot' },
      chat: { id: 42, first_name: 'U', type: 'private' },
      date: 1_700_000_000,
      text: '1',
    },
  });
  const server = createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
    req.on('data', () => {});
    req.on('end', () => {
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(answer),
      });
      res.end(answer);
    });
  });
  server.listen(0, '127.0.0.1', () => process.send(server.address().port));
  process.on('disconnect', () => process.exit(0));
} else {
  const CALLS = numberArg(args, 'calls', 20_000);
  const IN_FLIGHT = numberArg(args, 'in-flight', 50);
  const ROUNDS = numberArg(args, 'rounds', 3);
  const server = fork(fileURLToPath(import.meta.url), ['--serve'], { stdio: 'inherit' });
  const port = await new Promise((resolve) => server.once('message', resolve));
  const root = `http://127.0.0.1:${port}`;
  const token = '123456:AAbbccddeeffgghhiijjkkllmmnnooppqq_';
  const url = `${root}/bot${token}/sendMessage`;
  const payload = () => ({ chat_id: 42, text: '1' });
  const agent = new Agent({ keepAlive: true });
  // node-fetch 3 (a devDependency of the bench, for this comparison) and node-fetch 2 (what
  // @delegram/api and grammY use)
  const nf3 = (await import('node-fetch')).default;
  const nf2 = createRequire(import.meta.resolve('@delegram/api'))('node-fetch');
  const post = (fetch, body, withSignal) => async () => {
    const controller = withSignal ? new AbortController() : undefined;
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body(),
      agent,
      ...(controller ? { signal: controller.signal } : {}),
    });
    return JSON.parse(await res.text());
  };
  const rawHttp = () =>
    new Promise((resolve, reject) => {
      const body = JSON.stringify(payload());
      const req = request(
        url,
        {
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (d) => (text += d));
          res.on('end', () => resolve(JSON.parse(text)));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const api = new Api(token, { apiRoot: root });
  const apiHttp = new Api(token, { apiRoot: root, fetch: nodeHttpFetch });
  const api3 = new Api(token, { apiRoot: root, fetch: (u, init) => nf3(u, init) });
  const json = () => JSON.stringify(payload());
  const variants = {
    'node:http request (floor)': rawHttp,
    'node-fetch 3, string body, signal': post(nf3, json, true),
    'node-fetch 3, Buffer body, signal': post(nf3, () => Buffer.from(json()), true),
    'node-fetch 3, string body, no signal': post(nf3, json, false),
    'node-fetch 2, string body, signal': post(nf2, json, true),
    'node-fetch 2, string body, no signal': post(nf2, json, false),
    'global fetch (undici), string body': post(
      (u, init) => globalThis.fetch(u, { ...init, agent: undefined }),
      json,
      true,
    ),
    'delegram Api.call (as shipped)': () => api.call('sendMessage', payload()),
    'delegram Api.call over nodeHttpFetch (opt-in)': () => apiHttp.call('sendMessage', payload()),
    'delegram Api.call over node-fetch 3': () => api3.call('sendMessage', payload()),
  };
  const only = args.only ? String(args.only).split(',') : undefined;
  const names = Object.keys(variants).filter((n) => !only || only.some((o) => n.includes(o)));
  const results = new Map(names.map((n) => [n, []]));
  async function measure(fn, calls) {
    let started = 0;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const worker = async () => {
      while (started < calls) {
        started++;
        await fn();
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    return { usPerCall: (cpu.user + cpu.system) / calls, perSec: Math.round(calls / (ms / 1000)) };
  }
  for (const name of names) await measure(variants[name], Math.min(2000, CALLS)); // warm-up
  for (let r = 0; r < ROUNDS; r++) {
    for (const name of names) {
      global.gc?.();
      const m = await measure(variants[name], CALLS);
      results.get(name).push(m);
      log(`round ${r + 1} ${name}: ${m.usPerCall.toFixed(1)} us/call, ${m.perSec} calls/s`);
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const rows = names.map((n) => ({
    variant: n,
    usPerCall: Math.round(median(results.get(n).map((m) => m.usPerCall))),
    callsPerSec: median(results.get(n).map((m) => m.perSec)),
  }));
  console.table(rows);
  server.disconnect();
  server.kill();
}
