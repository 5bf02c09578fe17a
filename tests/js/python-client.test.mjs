// node --test tests/js/: the page's side of Python (handbook/assets/python/client.js) against a made-up
// worker: asks answered by id in the one reply shape, a newer ask replacing an older one, cancel,
// and a failure settling every ask that waits, once.
import { test } from "node:test";
import assert from "node:assert/strict";
import { startPython } from "../../handbook/assets/python/client.js";
import { PythonError } from "../../handbook/assets/python/protocol.js";

globalThis.location = { href: "https://example.test/calculators/x/" };
const element = { dataset: { pyodide: "../../assets/pyodide/0/", packages: "handbook-calculators", runtime: "{}" } };

/** a worker that records what it is sent and answers when told */
function fakeWorker() {
  return {
    sent: [], terminated: false, onmessage: null, onerror: null, onmessageerror: null,
    postMessage(message) { this.sent.push(message); },
    terminate() { this.terminated = true; },
    say(data) { this.onmessage({ data }); },
  };
}

function start(worker, failures = []) {
  const heard = [];
  const client = startPython({ element, params: "{}", worker, onMessage: (m) => heard.push(m),
                               onFailed: (text) => failures.push(text) });
  return { client, heard };
}

test("an ask goes out with an id and its answer settles it; other messages go to onMessage", async () => {
  const worker = fakeWorker();
  const { client, heard } = start(worker);
  assert.equal(worker.sent[0].type, "start");
  const data = new ArrayBuffer(4);
  const asked = client.ask("fill-office", { kind: "docx" }, { data });
  const message = worker.sent[1];
  assert.deepEqual({ ...message, data: undefined }, { type: "ask", id: 1, kind: "fill-office", payload: { kind: "docx" }, data: undefined });
  assert.equal(message.data, data);
  worker.say({ type: "progress", text: "…" });
  worker.say({ type: "answer", id: 1, ok: true, value: { left: [] }, data: new Uint8Array([1]), ms: 3 });
  const answer = await asked;
  assert.deepEqual(answer.value, { left: [] });
  assert.equal(answer.ms, 3);
  assert.deepEqual(heard.map((m) => m.type), ["progress"]);
  client.terminate();
});

test("an error answer rejects with the words, and the client goes on", async () => {
  const worker = fakeWorker();
  const { client } = start(worker);
  const asked = client.ask("totals", {});
  worker.say({ type: "answer", id: 1, ok: false, error: "模板文件已损坏", ms: 1 });
  await assert.rejects(asked, (err) => err instanceof PythonError && err.message === "模板文件已损坏" && !err.unavailable);
  const next = client.ask("run", {});
  worker.say({ type: "answer", id: 2, ok: true, value: 7, ms: 1 });
  assert.equal((await next).value, 7);
  client.terminate();
});

test("latest: a newer ask of the same kind cancels the one waiting, and the worker is told", async () => {
  const worker = fakeWorker();
  const { client } = start(worker);
  const first = client.ask("run", { n: 1 }, { latest: true });
  const other = client.ask("roster", {});
  const second = client.ask("run", { n: 2 }, { latest: true });
  await assert.rejects(first, (err) => err.cancelled === true);
  assert.ok(worker.sent.some((m) => m.type === "cancel" && m.id === 1));
  worker.say({ type: "answer", id: 1, ok: true, value: "old", ms: 1 });   // late: dropped
  worker.say({ type: "answer", id: 3, ok: true, value: "new", ms: 1 });
  worker.say({ type: "answer", id: 2, ok: true, value: "rows", ms: 1 });
  assert.equal((await second).value, "new");
  assert.equal((await other).value, "rows");
  client.terminate();
});

test("a failure is said once and rejects every ask waiting, and any later one, as unavailable", async () => {
  const worker = fakeWorker();
  const failures = [];
  const { client } = start(worker, failures);
  const waiting = client.ask("check-form", {});
  worker.say({ type: "failed", text: "无法下载" });
  worker.say({ type: "failed", text: "again" });
  assert.deepEqual(failures, ["计算器未能启动：无法下载。"]);
  assert.ok(worker.terminated);
  await assert.rejects(waiting, (err) => err.unavailable && err.message === "计算器未能启动：无法下载。");
  await assert.rejects(client.ask("run", {}), (err) => err.unavailable);
});

test("terminate cancels what waits", async () => {
  const worker = fakeWorker();
  const { client } = start(worker);
  const waiting = client.ask("run", {});
  client.terminate();
  await assert.rejects(waiting, (err) => err.cancelled);
  assert.ok(worker.terminated);
});
