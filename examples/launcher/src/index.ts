// The examples' launcher: one place decides between Telegram and the embedded emulator.
export type { ExampleOptions } from './ExampleOptions.js';
export { isMain } from './isMain.js';
export { launch, printToStdout, quietEmulator, TELEGRAM_API_ROOT } from './launch.js';
export type {
  EmulatorBot,
  Launched,
  LaunchOptions,
  Print,
  SimulatedChat,
  SimulatedUser,
} from './launch.js';
export { reportErrors } from './reportErrors.js';
export { runPolling } from './runPolling.js';
export type { RunningBot, RunPollingOptions } from './runPolling.js';
export { runWebhook } from './runWebhook.js';
export type { RunningWebhook, RunWebhookOptions, WebhookListener } from './runWebhook.js';
export { takeFloodTrips, watchFloodTrips } from './floodTrips.js';
