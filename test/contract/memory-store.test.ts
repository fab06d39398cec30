import { MemoryStore } from '../../src/store/index.js';
import { describeStoreContract } from './store.contract.js';

// A hand-moved clock: leases and windows expire exactly when the test says so.
let now = 1_000_000;
const clock = { now: () => now };

describeStoreContract(
  'MemoryStore',
  async () => {
    const store = new MemoryStore({ clock });
    return { a: store, b: store, close: () => store.close() };
  },
  {
    unit: 1000,
    elapse: async (ms) => {
      now += ms;
    },
  },
);
