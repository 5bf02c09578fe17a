// Run calculator cases inside real Pyodide under Node, from the site's own bundle:
//
//   node tests/pyodide/run_cases.mjs PYODIDE_DIR PARAMS.json CASES.json [SNAPSHOT.bin]
//
// With SNAPSHOT.bin, Python is restored from the build's memory snapshot (which holds the
// calculators already imported) instead of started and given the wheel, and random is reseeded
// as the browser's worker does; the cases then run twice, in order and in reverse, so a state
// one calculator leaves behind for another would show as a difference.
//
// PYODIDE_DIR is the built site's assets/pyodide/<version>/: the runtime (with the site's cut
// standard library), pyodide-lock.json and the wheels. The calculators' wheel is checked against
// the lock's sha256 and unpacked as the browser's worker does; then the import is checked.
// Output: {"python": "3.14.x", "results": [run(...) for each case]} or {"error": "..."}.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { loadPyodide } from "pyodide";
import { expandSnapshot } from "../../handbook/assets/python/snapshot-file.js";

const [pyodideDir, paramsFile, casesFile, snapshotFile] = process.argv.slice(2);
const indexURL = resolve(pyodideDir) + "/";
const problems = [];
let pyodide;
if (snapshotFile) {
  // the file as the site serves it (zero pages left out), given back whole as the worker does
  pyodide = await loadPyodide({ indexURL, _loadSnapshot: expandSnapshot(readFileSync(snapshotFile)) });
  pyodide.runPython("import random\nrandom.seed()");
} else {
  // as the browser's worker starts plainly (python/worker.js wheelBytes, install): the wheel
  // checked against the lock's sha256, unpacked by Python's zipfile into site-packages
  pyodide = await loadPyodide({ indexURL, lockFileURL: indexURL + "pyodide-lock.json" });
  try {
    const lock = JSON.parse(readFileSync(indexURL + "pyodide-lock.json", "utf8"));
    const wheels = ["handbook-calckit", "handbook-calculators"].map((name) => {
      const entry = lock.packages[name];
      const bytes = new Uint8Array(readFileSync(indexURL + entry.file_name));
      if (createHash("sha256").update(bytes).digest("hex") !== entry.sha256) throw new Error(`${name} wheel sha256`);
      return bytes;
    });
    pyodide.globals.set("WHEELS", wheels);
    pyodide.runPython(`
import importlib, io, site, zipfile
for _wheel in WHEELS:
    zipfile.ZipFile(io.BytesIO(_wheel.to_bytes())).extractall(site.getsitepackages()[0])
importlib.invalidate_caches()`);
  } catch (err) {
    problems.push(String(err && err.message || err).slice(0, 300));
  }
}
try {
  pyodide.runPython("import calculators");
} catch {
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
import random
out = {"python": sys.version.split()[0], "random": random.random(),
       "results": [run(c["calculator"], c["inputs"], params) for c in cases]}
out["reversed"] = [run(c["calculator"], c["inputs"], params) for c in reversed(cases)][::-1]
json.dumps(out, ensure_ascii=False)
`);
process.stdout.write(out);
