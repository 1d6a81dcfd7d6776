import { describe, expect, it } from 'vitest';
import { MessageLoop } from '../../src/MessageLoop.js';
import { StateSaveError } from '../../src/state/errors.js';
import { until } from '../support/FakeTelegram.js';
import { fakeLoopSetup, msg, textOf } from '../support/loopKit.js';

describe('MessageLoop and unsaved state', () => {
  it('leaves an update whose state was not saved unconfirmed, while later ones finish', async () => {
    const { tg, bot, errors } = fakeLoopSetup();
    const seen: string[] = [];
    const loop = new MessageLoop(bot, (_m, incoming) => {
      const text = textOf(incoming);
      seen.push(text);
      if (text === 'unsaved') return Promise.reject(new StateSaveError('state:Counter:42'));
      return undefined;
    });
    const [a, unsaved] = tg.push(msg('a'), msg('unsaved'), msg('c', 43));
    const running = loop.run();
    await until(() => seen.length === 3);
    await loop.stop();
    await running;
    expect(tg.confirmed).toBe(unsaved!.update_id); // a confirmed; 'unsaved' and after come again
    expect(tg.confirmed).toBe(a!.update_id + 1);
    expect(loop.stats).toMatchObject({ held: 1, failed: 1 });
    expect(errors[0]).toMatchObject([expect.any(StateSaveError), { outcome: 'retry' }]);
  });
});
