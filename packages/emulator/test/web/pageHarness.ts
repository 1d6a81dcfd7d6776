// What every chat-page test file shares: one headless Chromium per file (Debian's, driven by
// playwright-core), an emulator with a bot and Alice per test, and the few page actions the tests
// speak in (open a chat, send a message, find the message log).
import {
  type Browser,
  type BrowserContext,
  chromium,
  type Locator,
  type Page,
} from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { Emulator } from '../../src/index.js';
import type { BotAccount, SimUser } from '../../src/index.js';
import type { RawBot } from '../helpers/rawBot.js';

/** Starts the headless Chromium a test file drives (call it in `beforeAll`). */
export function launchChromium(): Promise<Browser> {
  // launch() gives every run a fresh temporary profile of its own.
  return chromium.launch({
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
}

/** One test's world: an emulator with the bot `@echo_bot` ("Echo") and Alice, and a page on it. */
export interface PageWorld {
  readonly emu: Emulator;
  readonly account: BotAccount;
  readonly alice: SimUser;
  readonly bot: RawBot;
  readonly context: BrowserContext;
  readonly page: Page;
  /** Uncaught exceptions and unhandled rejections in the page's scripts. */
  readonly pageErrors: Error[];
}

/** Options for {@link openPageWorld}. */
export interface PageWorldOptions {
  /** Runs before the page loads (fake browser clock, more users, groups ...). */
  readonly before?: (world: Omit<PageWorld, 'pageErrors'>) => Promise<void> | void;
  readonly viewport?: { width: number; height: number };
}

/**
 * Starts an emulator with `@echo_bot` driven by `startBot`, creates Alice, and opens the chat page
 * in a new browser context.
 */
export async function openPageWorld(
  browser: Browser,
  startBot: (apiRoot: string, token: string) => RawBot,
  options: PageWorldOptions = {},
): Promise<PageWorld> {
  const emu = new Emulator({ floodControl: false });
  await emu.start({ port: 0 });
  const account = emu.createBot({ username: 'echo_bot', firstName: 'Echo' });
  const alice = emu.createUser({ firstName: 'Alice', username: 'alice' });
  const bot = startBot(emu.apiRoot, account.token);
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1000, height: 700 },
    locale: 'en-US',
  });
  // Fail with the locator that did not show up, well before the test's own timeout.
  context.setDefaultTimeout(8_000);
  const page = await context.newPage();
  const pageErrors: Error[] = [];
  page.on('pageerror', (error) => pageErrors.push(error));
  await options.before?.({ emu, account, alice, bot, context, page });
  await page.goto(emu.chatPageUrl);
  return { emu, account, alice, bot, context, page, pageErrors };
}

/**
 * Closes the page's context, stops the bot and the emulator; returns what went wrong on the way:
 * the bot's errors and the page's uncaught errors (a test expects none).
 */
export async function closePageWorld(world: PageWorld | undefined): Promise<unknown[]> {
  if (world === undefined) return [];
  await world.context.close();
  await world.bot.stop();
  await world.emu.stop();
  return [...world.bot.errors, ...world.pageErrors];
}

/** The message log of the open chat. */
export function messageLog(page: Page): Locator {
  return page.getByRole('log', { name: 'Messages' });
}

/** The bubble of the message whose text matches `text`. */
export function bubble(page: Page, text: string | RegExp): Locator {
  return messageLog(page).getByRole('listitem').filter({ hasText: text });
}

/** Types `text` into the composer and presses Enter. */
export async function send(page: Page, text: string): Promise<void> {
  const input = page.getByRole('textbox', { name: 'Message' });
  await input.fill(text);
  await input.press('Enter');
}

/** Waits for the user and bot lists, then starts (or opens) the private chat with `@echo_bot`. */
export async function openChatWithBot(page: Page): Promise<void> {
  await page
    .getByRole('combobox', { name: 'User' })
    .locator('option', { hasText: 'Alice' })
    .waitFor({ state: 'attached' });
  await page
    .getByRole('combobox', { name: 'Bot' })
    .locator('option', { hasText: '@echo_bot' })
    .waitFor({ state: 'attached' });
  await page.getByRole('button', { name: 'Start chat' }).click();
  await page.getByRole('heading', { name: 'Echo' }).waitFor();
}

/**
 * Sets up a test file's (or `describe` block's) page tests: one Chromium for the block, and after
 * each test the world closed with no bot or page error. Returns `start`, which opens a world with
 * the bot `startBot` drives and, unless `openChat` is false, the private chat with `@echo_bot`.
 */
export function pageWorlds(
  startBot: (apiRoot: string, token: string) => RawBot,
): (options?: PageWorldOptions & { openChat?: boolean }) => Promise<PageWorld> {
  let browser: Browser | undefined;
  let world: PageWorld | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    const open = world;
    world = undefined;
    expect(await closePageWorld(open)).toEqual([]);
  });
  return async ({ openChat = true, ...options } = {}) => {
    if (browser === undefined) throw new Error('pageWorlds: start() runs inside a test');
    world = await openPageWorld(browser, startBot, options);
    if (openChat) await openChatWithBot(world.page);
    return world;
  };
}
