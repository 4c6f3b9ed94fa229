// Starts a TypeScript worker when the code runs from source (tests, tsx): registers tsx's loader first.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
