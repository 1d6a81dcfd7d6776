export { SqliteStore } from './SqliteStore.js';
export type { SqliteStoreOptions } from './SqliteStoreOptions.js';
