// Which files of Python's standard library the calculators and forms use (run by
// handbook/runtime/stdlib.py at build time):
//
//   node stdlib_modules.mjs RUNTIME_DIR SPEC.json
//
// SPEC.json: {"wheels": [paths], "packages": ["calculators", "calckit"], "encodings": [...], "modules": [...]}.
// Starts Pyodide from RUNTIME_DIR with the full standard library as the browser's plain start does
// (the lock, our wheels unpacked by Python's zipfile), imports every module of the
// package and the listed modules, decodes with each encoding the calculators read files in, and
// formats a traceback (what Python needs to report an error). Prints the standard library's files
// that Python then holds, as paths inside python_stdlib.zip, and those of them that are sources
// without their comments and docstrings (handbook/runtime/strip_source.py, run here because this
// Python is the version they are written for): {"files": [...], "stripped": {path: text}}; a file
// whose stripped text does not pass strip_source.same_lines is left out of "stripped" (kept whole).
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
  pyodide.globals.set("STRIP_SOURCE", readFileSync(spec.strip_source, "utf8"));
  const files = pyodide.runPython(`
import importlib, json, pkgutil, sys, traceback
spec = json.loads(SPEC)
import io, site, zipfile
for _wheel in WHEELS:
    zipfile.ZipFile(io.BytesIO(_wheel.to_bytes())).extractall(site.getsitepackages()[0])
importlib.invalidate_caches()
for name in spec["packages"]:
    package = importlib.import_module(name)
    for module in pkgutil.walk_packages(package.__path__, name + "."):
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
strip_source = {"__name__": "strip_source"}
exec(compile(STRIP_SOURCE, "strip_source.py", "exec"), strip_source)
stripped = {}
with zipfile.ZipFile(zipped) as whole:
    for name in sorted(found):
        if name.endswith(".py") and not name.startswith(tuple(spec["whole"])):
            text = whole.read(name).decode("utf-8")
            try:
                thin = strip_source["strip"](text)
                if strip_source["same_lines"](text, thin, name):
                    stripped[name] = thin
            except (SyntaxError, ValueError):
                pass
json.dumps({"files": sorted(found), "stripped": stripped})
`);
  process.stdout.write(files);
} catch (err) {
  process.stderr.write(String(err && err.message || err).slice(0, 2000));
  process.exit(1);
}
