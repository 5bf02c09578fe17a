// Runs the handbook's Python calculators in Pyodide, off the page's main thread.
//
// Messages in:  {type: "start", params, pyodide, packages} once: policy parameters (JSON text),
//                                                        the URL of the versioned Pyodide folder and
//                                                        the packages this calculator needs
//               {type: "run", id, calculator, inputs}     for every calculation
//               {type: "check-form", id, fields, values}  for a form: errors and computed fields
// Messages out: {type: "progress", text}                 while starting
//               {type: "ready"} | {type: "failed", text}  when started, or not
//               {type: "result", id, result}              the JSON dict of calculators.run()
//
// Pyodide and the wheels are served by the site itself (assets/pyodide/<version>/);
// pyodide-lock.json lists each wheel with its sha256, which loadPackage checks.

let runPython = null;
let checkPython = null;
const queue = [];

function post(message) {
  self.postMessage(message);
}

// When the runtime's .wasm cannot be fetched, loadPyodide only logs a warning and never
// settles; watch for that warning so the page can say what went wrong instead of waiting.
function runtimeFailure() {
  return new Promise((_, reject) => {
    const warn = console.warn.bind(console);
    console.warn = (...args) => {
      warn(...args);
      if (/instantiation failed|Failed to fetch|NetworkError/i.test(args.map(String).join(" "))) {
        reject(new Error("无法下载或编译 Python 运行环境文件（pyodide.asm.wasm）"));
      }
    };
  });
}

async function start(paramsJson, pyodideURL, packages) {
  const started = performance.now();
  post({ type: "progress", text: "正在加载 Python 运行环境（首次约需数秒，之后会快很多）……" });
  const indexURL = new URL(pyodideURL, self.location.href).href;
  const { loadPyodide } = await import(indexURL + "pyodide.mjs");
  const problems = [];
  // The calculators' wheels load while Python initialises (the packages option), not after.
  // Failures are reported through errorCallback, not thrown, so the import is checked below.
  const pyodide = await Promise.race([loadPyodide({
    indexURL,
    packages,
    stdout: () => {},
    stderr: (text) => problems.push(text),
  }), runtimeFailure()]);
  const loadedMs = performance.now() - started;
  post({ type: "progress", text: "正在加载计算器程序……" });
  try {
    // import our package, and check (without running them) that the others are installed,
    // by the import names the lock file gives for each package
    const lock = pyodide.lockfile && pyodide.lockfile.packages ? pyodide.lockfile.packages : {};
    pyodide.globals.set("NEEDED", packages.flatMap((name) =>
      lock[name] && lock[name].imports ? lock[name].imports : [name.replace(/-/g, "_")]));
    pyodide.runPython(`
import calculators, importlib.util
for name in NEEDED.to_py():
    if importlib.util.find_spec(name) is None:
        raise ImportError(name)`);
  } catch (err) {
    throw new Error("计算器程序包未能加载" + (problems.length ? "：" + problems.join("；") : ""));
  }
  pyodide.globals.set("PARAMS_JSON", paramsJson);
  const functions = pyodide.runPython(`
import json
from calculators import run as _run
_PARAMS = json.loads(PARAMS_JSON)
def _handbook_run(calculator, inputs_json):
    return json.dumps(_run(calculator, json.loads(inputs_json), _PARAMS), ensure_ascii=False)
def _handbook_check(fields_json, values_json):
    from calculators.forms import check
    return json.dumps(check(json.loads(fields_json), json.loads(values_json), _PARAMS),
                      ensure_ascii=False)
(_handbook_run, _handbook_check)
`).toJs();
  const [run, checkForm] = functions;
  runPython = (calculator, inputs) => JSON.parse(run(calculator, JSON.stringify(inputs)));
  checkPython = (fields, values) => JSON.parse(checkForm(JSON.stringify(fields), JSON.stringify(values)));
  post({ type: "ready", ms: Math.round(performance.now() - started), loadedMs: Math.round(loadedMs) });
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
    result = message.type === "check-form" ? checkPython(message.fields, message.values)
      : runPython(message.calculator, message.inputs);
  } catch (err) {
    result = { ok: false, internal: true, errors: [{ field: "", message: "计算出错：" + err.message }] };
  }
  post({ type: "result", id: message.id, result, ms: performance.now() - t0 });
}

self.onmessage = (event) => {
  const message = event.data;
  if (message.type === "start") {
    start(message.params, message.pyodide, message.packages || ["handbook-calculators"]).catch((err) => post({ type: "failed", text: String(err && err.message || err) }));
  } else if (message.type === "run" || message.type === "check-form") {
    handle(message);
  }
};
