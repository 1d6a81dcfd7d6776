export { ManualClock, sleep, systemClock } from './clock.js';
export type { Clock, TimerId } from './clock.js';
