// The flag search's worker thread run from the TypeScript sources in tests (a worker does not inherit tsx's hooks).
import { register } from 'tsx/esm/api';

register();
await import('../../../src/node/flags/searchWorker.ts');
