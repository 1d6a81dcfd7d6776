// The main job, seen by a person: `pnpm start` runs the counter on the emulator and prints where to
// chat; opening that page in a real (headless) Chromium and writing makes the count go up.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { RunningBot } from '@delegram-examples/launcher';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/main.js';

const built = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const srcDir = fileURLToPath(new URL('../src/', import.meta.url));
const distDir = fileURLToPath(new URL('../dist/', import.meta.url));

/** Whether `pnpm start`'s build exists and is not older than the sources it was built from. */
function freshBuild(): boolean {
  const deps = ['api', 'core', 'emulator'].every((pkg) =>
    existsSync(fileURLToPath(new URL(`../../../packages/${pkg}/dist/index.js`, import.meta.url))),
  );
  if (!deps || !existsSync(built)) return false;
  return readdirSync(srcDir).every((file) => {
    const js = distDir + file.replace(/\.ts$/, '.js');
    return existsSync(js) && statSync(js).mtimeMs >= statSync(srcDir + file).mtimeMs;
  });
}
const CHAT_LINE = /Chat with @counter_bot here: (\S+)/;

let browser: Browser;
let child: ChildProcess | undefined;
let running: RunningBot | undefined;
let chatPageUrl: string;
const output: string[] = [];

/** Starts the counter as `pnpm start` does: the built entry point, or `main()` without a build. */
async function startCounter(): Promise<string> {
  if (freshBuild()) {
    const proc = spawn(process.execPath, [built], {
      env: { ...process.env, BOT_TOKEN: '', PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    proc.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    return new Promise<string>((resolve, reject) => {
      const lines = createInterface({ input: proc.stdout });
      lines.on('line', (line) => {
        output.push(line);
        const url = CHAT_LINE.exec(line)?.[1];
        if (url !== undefined) resolve(url);
      });
      lines.on('close', () =>
        reject(
          new Error(`the counter exited without printing the chat page:\n${output.join('\n')}`),
        ),
      );
    });
  }
  running = await main({ env: {}, port: 0, signals: false, print: (line) => output.push(line) });
  const url = output.map((line) => CHAT_LINE.exec(line)?.[1]).find((u) => u !== undefined);
  if (url === undefined) throw new Error(`no chat page printed:\n${output.join('\n')}`);
  return url;
}

beforeAll(async () => {
  chatPageUrl = await startCounter();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await running?.stop();
  if (child !== undefined && child.exitCode === null) {
    // Ctrl+C, as a person would: the counter stops cleanly and exits with code 0.
    const exited = new Promise<number | null>((resolve) => child?.once('exit', resolve));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(output).toContain('Stopped.');
  }
});

describe('the counter started by pnpm start', () => {
  it('prints the chat page, where writing to the bot makes the count go up, per chat', async () => {
    expect(chatPageUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    const page = await browser.newPage();
    page.setDefaultTimeout(8_000);
    await page.goto(chatPageUrl);
    await openChat(page, 'Alice');
    await expectCounts(page, [
      ['hello', '1'],
      ['hello again', '2'],
      ['third', '3'],
    ]);

    // A second person, created through the emulator's control API, counts from 1 in their chat.
    const created = await fetch(new URL('/control/users', chatPageUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ firstName: 'Bob' }),
    });
    expect(created.ok).toBe(true);
    await page.reload();
    await openChat(page, 'Bob');
    await expectCounts(page, [
      ['hi from Bob', '1'],
      ['again', '2'],
    ]);
    await page.close();
  });
});

async function openChat(page: Page, person: string): Promise<void> {
  const user = page.getByRole('combobox', { name: 'User' });
  const option = user.locator('option', { hasText: person });
  await option.waitFor({ state: 'attached' });
  await user.selectOption((await option.getAttribute('value')) ?? '');
  await page
    .getByRole('combobox', { name: 'Bot' })
    .locator('option', { hasText: '@counter_bot' })
    .waitFor({ state: 'attached' });
  await page.getByRole('button', { name: 'Start chat' }).click();
  await page.getByRole('heading', { name: 'Counter' }).waitFor();
}

async function expectCounts(page: Page, exchanges: readonly (readonly [string, string])[]) {
  const input = page.getByRole('textbox', { name: 'Message' });
  const log = page.getByRole('log', { name: 'Messages' });
  for (const [text, count] of exchanges) {
    await input.fill(text);
    await input.press('Enter');
    await log.getByText(count, { exact: true }).waitFor();
  }
  const bubbles = await log.getByRole('listitem').allTextContents();
  expect(bubbles.map((b) => b.replace(/\d\d:\d\d.*$/, '').trim())).toEqual(exchanges.flat());
}
