export { RedisStore } from './RedisStore.js';
export type { RedisStoreOptions } from './RedisStoreOptions.js';
export { RedisTimeoutError } from './errors.js';
