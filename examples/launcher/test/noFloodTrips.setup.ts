import { afterEach, expect } from 'vitest';
import { takeFloodTrips } from '../src/floodTrips.js';

// Every example runs on the emulator with Telegram's flood control on: after each test of an
// example, no call of its bot may have been answered with 429.
afterEach(() => {
  expect(takeFloodTrips(), 'calls answered 429 Too Many Requests by the emulator').toBe(0);
});
