// The messages between a page and its Python (python/worker.js, in a worker or, prerendered, in the
// page: python/in-page.js), defined once. The page's side is python/client.js; the worker refers
// to these types (type-only: it imports nothing before it starts fetching the runtime), and its
// Python answers every question in the one reply shape (calckit/worker_api.py `answer`).
//
// Page → worker                                   Worker → page
//   boot   from the page's head, so Python          progress  while starting (bytes on the wire)
//          starts before the page is read            ready     started (how, and how long)
//   start  the policy parameters (once)              failed    not started, in the reader's words
//   ask    a question, with an id                    answer    to an ask: {ok, value} | {ok, error}
//   cancel an ask not begun yet                      kept      the snapshot is kept for next time
//   warm   to a helper (compile Pyodide's loader)    warmed    the helper's answer

/**
 * The build's runtime for Python (handbook/runtime/): the lock with each wheel's sha256, the memory
 * snapshot's file, sizes of each file as read and as sent.
 * @typedef {object} Runtime
 * @property {{packages: Record<string, {file_name: string, sha256: string, imports?: string[]}>}} [lock]
 * @property {{file: string, sha256: string, bytes: number, memory: number, wasm?: string}} [snapshot]
 * @property {Record<string, [number, number]>} [sizes]
 */

/**
 * @typedef {{type: "boot", pyodide: string, packages: string[], runtime: Runtime, hint: "" | "kept"}} BootMessage
 * @typedef {{type: "start", params: string, pyodide: string, packages: string[], runtime: Runtime}} StartMessage
 * @typedef {"run" | "check-form" | "fill-office" | "roster" | "batch" | "totals"} AskKind
 *   run: {calculator, inputs}; check-form: {fields, values, versions}; fill-office: {kind, values} and
 *   the template as data; roster: {action: "read", name, fields, table, required, max_rows} and the
 *   file, or {action: "summary", form, values, versions}; batch: {action: "start" | "step" | "finish" |
 *   "cancel" | "values", …}; totals: {names, sizes, expect} and the files, then the 汇总 template
 * @typedef {{type: "ask", id: number, kind: AskKind, payload: object, data?: ArrayBuffer}} AskMessage
 * @typedef {{type: "cancel", id: number}} CancelMessage
 * @typedef {{type: "warm", pyodide: string}} WarmMessage
 * @typedef {BootMessage | StartMessage | AskMessage | CancelMessage | WarmMessage} Request
 */

/**
 * @typedef {{loaded: number, total: number, ms: number}} Bytes
 * @typedef {{type: "progress", text: string, bytes?: Bytes}} ProgressMessage
 * @typedef {{type: "ready", start: "snapshot" | "plain", ms: number, loadedMs: number, timings: object}} ReadyMessage
 * @typedef {{type: "failed", text: string}} FailedMessage
 * @typedef {{type: "answer", id: number, ok: true, value: any, data: Uint8Array, ms: number}} AnswerOk
 * @typedef {{type: "answer", id: number, ok: false, error: string, data?: Uint8Array, ms: number}} AnswerError
 * @typedef {AnswerOk | AnswerError} AnswerMessage
 * @typedef {{type: "kept", file: string}} KeptMessage
 * @typedef {{type: "warmed"}} WarmedMessage
 * @typedef {ProgressMessage | ReadyMessage | FailedMessage | AnswerMessage | KeptMessage | WarmedMessage} Reply
 */

/** The kinds of question the worker's Python answers (calckit/worker_api.py KINDS). */
export const ASK_KINDS = /** @type {const} */ (["run", "check-form", "fill-office", "roster", "batch", "totals"]);

/**
 * Why an ask got no value: Python answered with an error, or could not run (`unavailable`), or a
 * newer question of the same kind replaced it, or the page stopped Python (`cancelled`).
 */
export class PythonError extends Error {
  /**
   * @param {string} message   in words a reader understands
   * @param {{unavailable?: boolean, cancelled?: boolean}} [how]
   */
  constructor(message, { unavailable = false, cancelled = false } = {}) {
    super(message);
    this.name = "PythonError";
    this.unavailable = unavailable;
    this.cancelled = cancelled;
  }
}
