// Run calculator cases inside real Pyodide under Node, from the site's own bundle:
//
//   node tests/pyodide/run_cases.mjs PYODIDE_DIR PARAMS.json CASES.json
//
// PYODIDE_DIR is the built site's assets/pyodide/<version>/: the runtime, pyodide-lock.json and
// the wheels. The calculators are loaded with loadPackage, which checks each wheel's sha256
// against the lock file; since loadPackage does not throw on failure, the import is checked.
// Output: {"python": "3.14.x", "results": [run(...) for each case]} or {"error": "..."}.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { loadPyodide } from "pyodide";

const [pyodideDir, paramsFile, casesFile] = process.argv.slice(2);
const indexURL = resolve(pyodideDir) + "/";
const pyodide = await loadPyodide({ indexURL, lockFileURL: indexURL + "pyodide-lock.json" });
const problems = [];
try {
  await pyodide.loadPackage(["handbook-calculators"], {
    messageCallback: () => {},
    errorCallback: (text) => problems.push(text),
  });
} catch (err) {
  problems.push(String(err && err.message || err).slice(0, 300));
}
try {
  pyodide.runPython("import calculators");
} catch (err) {
  process.stdout.write(JSON.stringify({ error: "import failed", problems: problems.map((p) => p.slice(0, 300)) }));
  process.exit(3);
}
pyodide.globals.set("params_json", readFileSync(paramsFile, "utf8"));
pyodide.globals.set("cases_json", readFileSync(casesFile, "utf8"));
const out = pyodide.runPython(`
import json, sys
from calculators import run
params = json.loads(params_json)
cases = json.loads(cases_json)
json.dumps({"python": sys.version.split()[0],
            "results": [run(c["calculator"], c["inputs"], params) for c in cases]},
           ensure_ascii=False)
`);
process.stdout.write(out);
