// The customs officer's side of the import-clearance benchmark, in a worker
// thread so the load generator does not share the apps' event loop (as
// autocannon runs in the other benchmarks). Plain JavaScript: a worker does
// not inherit tsx. tRPC over HTTP without a transformer: POST the input as
// JSON, the answer is { result: { data } } or { error }.
import { parentPort, workerData } from 'node:worker_threads';

const { customsUrl, token, input, concurrency } = workerData;
const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };

async function call(path, body) {
  const response = await fetch(`${customsUrl}/trpc/${path}`, {
    method: 'POST',
    headers,
    body: JSON.stringify(body),
  });
  const json = await response.json();
  if (!response.ok || json.error)
    throw new Error(`${path}: HTTP ${response.status} ${JSON.stringify(json.error ?? json).slice(0, 500)}`);
  return json.result.data;
}

/** Runs declarations back to back, `concurrency` at once, for `seconds`; every one it started is awaited. */
async function run(seconds) {
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const steps = { submit: 0, pay: 0, release: 0 };
  const latencies = [];
  /** [declaration id, wall-clock ms (timeOrigin + now) when the release answered] */
  const released = [];
  let failed = false;
  const worker = async () => {
    while (!failed && performance.now() < deadline) {
      try {
        const t0 = performance.now();
        const d = await call('declarations.submit', input);
        if (d.lane !== 'blue' && d.lane !== 'green')
          throw new Error(`declaration ${d.declarationNo}: lane ${d.lane}`);
        const t1 = performance.now();
        await call('declarations.pay', { declarationId: d.id });
        const t2 = performance.now();
        await call('declarations.release', { declarationId: d.id });
        const t3 = performance.now();
        released.push([d.id, performance.timeOrigin + t3]);
        steps.submit += t1 - t0;
        steps.pay += t2 - t1;
        steps.release += t3 - t2;
        latencies.push(t3 - t0);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { seconds: (performance.now() - started) / 1000, latencies, steps, released };
}

parentPort.on('message', async ({ seconds }) => {
  try {
    parentPort.postMessage({ ok: true, ...(await run(seconds)) });
  } catch (error) {
    parentPort.postMessage({ ok: false, error: String(error?.stack ?? error) });
  }
});
