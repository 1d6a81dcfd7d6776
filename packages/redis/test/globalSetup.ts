import type { TestProject } from 'vitest/node';
import { RedisServer } from './redisServer.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The URL of the Redis server the test run started (persistence off). */
    redisUrl: string;
  }
}

let server: RedisServer | undefined;

/** Starts one redis-server for the run (the tests that need Redis share it, with own prefixes). */
export async function setup(project: TestProject): Promise<void> {
  server = await RedisServer.start();
  project.provide('redisUrl', server.url);
}

/** Stops it by its pid. */
export async function teardown(): Promise<void> {
  await server?.stop();
}
