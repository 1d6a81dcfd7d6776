// Every example's entry point, started the way `node examples/<name>/dist/main.js` starts it
// (without BOT_TOKEN), must come up on the emulator, say where to chat, and stop cleanly.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ExampleOptions, Launched } from '../src/index.js';
import { quietEmulator } from '../src/index.js';

const examplesDir = fileURLToPath(new URL('../../', import.meta.url));
const EXAMPLES = readdirSync(examplesDir, { withFileTypes: true })
  .filter(
    (entry) => entry.isDirectory() && entry.name !== 'launcher' && entry.name !== 'node_modules',
  )
  .map((entry) => entry.name)
  .sort();

interface Started {
  readonly launched: Launched;
  stop(): Promise<void>;
}

describe('examples', () => {
  it('are all here', () => {
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(20);
  });

  it.each(EXAMPLES)('%s starts on the emulator, prints where to chat, and stops', async (name) => {
    const { main } = (await import(`../../${name}/src/main.ts`)) as {
      main: (options: ExampleOptions) => Promise<Started>;
    };
    const printed: string[] = [];
    // examples/notes and newsletter keep a file by default: not in the working tree, please
    const env = { NOTES_DB: ':memory:', NEWSLETTER_DB: ':memory:', NEWSLETTER_DEMO_READERS: '5' };
    const running = await main({
      ...quietEmulator,
      env,
      print: (l) => printed.push(l),
      signals: false,
    });
    try {
      expect(running.launched.mode).toBe('emulator');
      expect(printed.some((l) => l.includes(`here: ${running.launched.chatPageUrl}`))).toBe(true);
    } finally {
      await running.stop();
    }
    expect(running.launched.emulator!.running).toBe(false);
  });
});
