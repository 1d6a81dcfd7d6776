import type { SignalSource } from 'delegram';
import type { LaunchOptions } from './launch.js';

/**
 * What an example's `main()` accepts: where to run (environment, port), the clock, where to print,
 * and whether to handle SIGINT/SIGTERM. Tests call `main({ env: {}, port: 0, signals: false })`.
 */
export interface ExampleOptions extends Omit<
  LaunchOptions,
  'botUsername' | 'botName' | 'title' | 'demoUser'
> {
  /** Stop cleanly on SIGINT/SIGTERM (default `true`; a stand-in `SignalSource` in tests). */
  readonly signals?: boolean | SignalSource;
}
