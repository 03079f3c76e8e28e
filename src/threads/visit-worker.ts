/**
 * The entry of a worker thread that reads parts of CSVs of service records
 * (see visit-part.ts): one job at a time, for as long as the run keeps it.
 */
import { parentPort } from 'node:worker_threads';
import { checkVisitPart, type VisitPartJob } from './visit-part.js';

const port = parentPort;
if (port !== null) {
  port.on('message', (job: VisitPartJob) => {
    void checkVisitPart(job, (message, transfer) => port.postMessage(message, transfer ?? []));
  });
}
