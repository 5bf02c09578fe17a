// Runs the handbook's Python calculators in Pyodide, off the page's main thread.
//
// Messages in:  {type: "start", params, pyodide}         once: policy parameters (JSON text) and
//                                                        the URL of the versioned Pyodide folder
//               {type: "run", id, calculator, inputs}     for every calculation
// Messages out: {type: "progress", text}                 while starting
//               {type: "ready"} | {type: "failed", text}  when started, or not
//               {type: "result", id, result}              the JSON dict of calculators.run()
//
// Pyodide and the wheels are served by the site itself (assets/pyodide/<version>/);
// pyodide-lock.json lists each wheel with its sha256, which loadPackage checks.

let runPython = null;
const queue = [];

function post(message) {
  self.postMessage(message);
}

async function start(paramsJson, pyodideURL) {
  const started = performance.now();
  post({ type: "progress", text: "正在加载 Python 运行环境（首次约需数秒，之后会快很多）……" });
  const indexURL = new URL(pyodideURL, self.location.href).href;
  const { loadPyodide } = await import(indexURL + "pyodide.mjs");
  const pyodide = await loadPyodide({ indexURL });
  post({ type: "progress", text: "正在加载计算器程序……" });
  const problems = [];
  // loadPackage reports failures through errorCallback instead of throwing
  await pyodide.loadPackage(["handbook-calculators"], {
    messageCallback: () => {},
    errorCallback: (text) => problems.push(text),
  });
  try {
    pyodide.runPython("import calculators, chinese_calendar");
  } catch (err) {
    throw new Error("计算器程序包未能加载" + (problems.length ? "：" + problems.join("；") : ""));
  }
  pyodide.globals.set("PARAMS_JSON", paramsJson);
  const run = pyodide.runPython(`
import json
from calculators import run as _run
_PARAMS = json.loads(PARAMS_JSON)
def _handbook_run(calculator, inputs_json):
    return json.dumps(_run(calculator, json.loads(inputs_json), _PARAMS), ensure_ascii=False)
_handbook_run
`);
  runPython = (calculator, inputs) => JSON.parse(run(calculator, JSON.stringify(inputs)));
  post({ type: "ready", ms: Math.round(performance.now() - started) });
  while (queue.length) handle(queue.shift());
}

function handle(message) {
  if (!runPython) {
    queue.push(message);
    return;
  }
  const t0 = performance.now();
  let result;
  try {
    result = runPython(message.calculator, message.inputs);
  } catch (err) {
    result = { ok: false, internal: true, errors: [{ field: "", message: "计算出错：" + err.message }] };
  }
  post({ type: "result", id: message.id, result, ms: performance.now() - t0 });
}

self.onmessage = (event) => {
  const message = event.data;
  if (message.type === "start") {
    start(message.params, message.pyodide).catch((err) => post({ type: "failed", text: String(err && err.message || err) }));
  } else if (message.type === "run") {
    handle(message);
  }
};
