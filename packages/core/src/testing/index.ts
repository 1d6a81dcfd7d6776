// delegram/testing: tools for testing bots and the stores they use.
export { stateStoreContract } from './stateStoreContract.js';
export type { StateStoreContractCase, StoreUnderTest } from './stateStoreContract.js';
