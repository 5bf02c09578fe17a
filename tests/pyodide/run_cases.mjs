// Run calculator cases inside real Pyodide under Node, and print the results as JSON.
//
//   node tests/pyodide/run_cases.mjs SRC_DIR PARAMS.json CASES.json
//
// SRC_DIR holds the Python packages to import (calculators/, chinese_calendar/); they are
// copied into Pyodide's file system as they are, so the very same source runs in CPython
// and in Pyodide. Output: {"python": "3.14.x", "results": [run(...) for each case]}.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { loadPyodide } from "pyodide";

const [srcDir, paramsFile, casesFile] = process.argv.slice(2);
const pyodide = await loadPyodide();

const target = "/home/pyodide/src";
function copyTree(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const dest = join(target, relative(srcDir, path));
    if (statSync(path).isDirectory()) {
      if (name === "__pycache__") continue;
      pyodide.FS.mkdirTree(dest);
      copyTree(path);
    } else if (name.endsWith(".py")) {
      pyodide.FS.writeFile(dest, readFileSync(path));
    }
  }
}
pyodide.FS.mkdirTree(target);
copyTree(srcDir);

pyodide.globals.set("params_json", readFileSync(paramsFile, "utf8"));
pyodide.globals.set("cases_json", readFileSync(casesFile, "utf8"));
const out = pyodide.runPython(`
import json, sys
sys.path.insert(0, "${target}")
from calculators import run
params = json.loads(params_json)
cases = json.loads(cases_json)
json.dumps({"python": sys.version.split()[0],
            "results": [run(c["calculator"], c["inputs"], params) for c in cases]},
           ensure_ascii=False)
`);
process.stdout.write(out);
