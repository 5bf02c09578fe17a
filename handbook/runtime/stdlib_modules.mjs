// Which files of Python's standard library the calculators and forms use (run by
// handbook/runtime/stdlib.py at build time):
//
//   node stdlib_modules.mjs RUNTIME_DIR SPEC.json
//
// SPEC.json: {"wheels": [paths], "package": "calculators", "encodings": [...], "modules": [...]}.
// Starts Pyodide from RUNTIME_DIR with the full standard library as the browser's plain start does
// (the lock, our wheels unpacked by Python's zipfile), imports every module of the
// package and the listed modules, decodes with each encoding the calculators read files in, and
// formats a traceback (what Python needs to report an error). Prints the standard library's files
// that Python then holds, as paths inside python_stdlib.zip.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [runtimeDir, specFile] = process.argv.slice(2);
const spec = JSON.parse(readFileSync(specFile, "utf8"));
try {
  const indexURL = resolve(runtimeDir) + "/";
  const { loadPyodide } = await import(pathToFileURL(indexURL + "pyodide.mjs").href);
  const pyodide = await loadPyodide({ indexURL, lockFileURL: indexURL + "pyodide-lock.json", stdout: () => {}, stderr: () => {} });
  // the wheels unpacked as the browser's worker does (python/worker.js install)
  pyodide.globals.set("WHEELS", spec.wheels.map((path) => new Uint8Array(readFileSync(path))));
  pyodide.globals.set("SPEC", JSON.stringify(spec));
  const files = pyodide.runPython(`
import importlib, json, pkgutil, sys, traceback
spec = json.loads(SPEC)
import io, site, zipfile
for _wheel in WHEELS:
    zipfile.ZipFile(io.BytesIO(_wheel.to_bytes())).extractall(site.getsitepackages()[0])
importlib.invalidate_caches()
package = importlib.import_module(spec["package"])
for module in pkgutil.walk_packages(package.__path__, spec["package"] + "."):
    if not module.name.endswith("__main__"):
        importlib.import_module(module.name)
for name in spec["modules"]:
    importlib.import_module(name)
for encoding in spec["encodings"]:
    "安全 ok".encode(encoding, errors="replace").decode(encoding, errors="replace")
try:
    raise ValueError("traceback")
except ValueError as exc:
    "".join(traceback.format_exception(exc))
zipped = [p for p in sys.path if p.endswith(".zip")][0]
found = set()
for module in list(sys.modules.values()):
    origin = getattr(getattr(module, "__spec__", None), "origin", None) or ""
    if origin.startswith(zipped + "/"):
        found.add(origin[len(zipped) + 1:])
json.dumps(sorted(found))
`);
  process.stdout.write(files);
} catch (err) {
  process.stderr.write(String(err && err.message || err).slice(0, 2000));
  process.exit(1);
}
