import { describe, expect, it } from 'vitest';
import { runDemo } from '../src/runDemo.js';

describe('runDemo', () => {
  it('prints two chats counting independently and a restart after the idle timeout', async () => {
    const printed: string[] = [];
    const result = await runDemo({ fast: true, print: (line) => printed.push(line) });

    expect(result.ok).toBe(true);
    expect(printed).toEqual(result.transcript);
    const answers = printed
      .filter((line) => line.includes('@counter_bot →'))
      .map((line) => line.trim());
    expect(answers).toEqual([
      '@counter_bot → Alice: 1',
      '@counter_bot → Alice: 2',
      '@counter_bot → Bob: 1',
      '@counter_bot → Alice: 3',
      '@counter_bot → Bob: 2',
      '@counter_bot → Bob: 3',
      '@counter_bot → Alice: 1',
      '@counter_bot → Bob: 4',
    ]);
    expect(printed.some((line) => line.includes('s pass'))).toBe(true);
    expect(printed.at(-1)).toContain('started over');
  });
});
