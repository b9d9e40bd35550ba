/**
 * A worker thread of the batch pool: builds the job once, then runs it on each case file
 * the parent sends, replying with the outcome. Nothing here prints.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { InputError } from '../diagnostic.js';
import { errorText, loadJob, type JobSpec } from './job.js';
import type { ToParent, ToWorker } from './pool.js';

const port = parentPort!;
const send = (m: ToParent) => port.postMessage(m);

try {
  const job = await loadJob<unknown, unknown>(workerData as JobSpec<unknown>);
  port.on('message', async ({ index, file }: ToWorker) => {
    let reply: ToParent;
    try {
      reply = { type: 'outcome', index, ok: true, value: await job(file) };
    } catch (e) {
      reply = { type: 'outcome', index, ok: false, error: errorText(e) };
    }
    try {
      send(reply);
    } catch (e) {
      // A result that cannot cross threads is the job's bug; report it for this case only.
      send({ type: 'outcome', index, ok: false, error: `result could not be sent: ${errorText(e)}` });
    }
  });
} catch (e) {
  // The job could not start (bad rules, missing module): no case can run.
  send({ type: 'fatal', error: errorText(e), ...(e instanceof InputError ? { diagnostics: e.diagnostics } : {}) });
}
