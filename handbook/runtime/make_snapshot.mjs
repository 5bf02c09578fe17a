// Make a Pyodide memory snapshot with the calculators imported (run by handbook/runtime/snapshot.py):
//
//   node make_snapshot.mjs RUNTIME_DIR OUT.bin SPEC.json
//
// SPEC.json: {"wheels": [{"path", "sha256"}], "package": "calculators"}. Each wheel is checked
// against its sha256 and unpacked into site-packages by Python's zipfile, as the browser's worker
// does (packages loaded with loadPackage cannot be snapshotted); then every module of the package is imported, since files do not survive a
// restore: what is not imported now cannot be imported in the browser. Prints {"bytes", "python"}.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [runtimeDir, out, specFile] = process.argv.slice(2);
const spec = JSON.parse(readFileSync(specFile, "utf8"));
try {
  const { loadPyodide } = await import(pathToFileURL(runtimeDir + "/pyodide.mjs").href);
  const pyodide = await loadPyodide({
    indexURL: runtimeDir + "/", _makeSnapshot: true, stdout: () => {}, stderr: () => {},
  });
  const wheels = [];
  for (const wheel of spec.wheels) {
    const bytes = new Uint8Array(readFileSync(wheel.path));
    const sum = createHash("sha256").update(bytes).digest("hex");
    if (sum !== wheel.sha256) throw new Error(`${wheel.path}: sha256 ${sum} != ${wheel.sha256}`);
    wheels.push(bytes);
  }
  // as the browser's worker does (python/worker.js install): Python's zipfile, not
  // unpackArchive, so that nothing outside the cut standard library is needed
  pyodide.globals.set("WHEELS", wheels);
  pyodide.runPython(`
import importlib, io, site, zipfile
for _wheel in WHEELS:
    zipfile.ZipFile(io.BytesIO(_wheel.to_bytes())).extractall(site.getsitepackages()[0])
importlib.invalidate_caches()
del _wheel`);
  pyodide.globals.delete("WHEELS");
  pyodide.globals.set("PACKAGE", spec.package);
  const python = pyodide.runPython(`
import importlib, json, pkgutil, random, sys
package = importlib.import_module(PACKAGE)
for module in pkgutil.walk_packages(package.__path__, PACKAGE + "."):
    if not module.name.endswith("__main__"):
        importlib.import_module(module.name)
del package, module
sys.version.split()[0]`);
  const snapshot = pyodide.makeMemorySnapshot();
  writeFileSync(out, snapshot);
  process.stdout.write(JSON.stringify({ bytes: snapshot.length, python }));
} catch (err) {
  process.stderr.write(String(err && err.message || err).slice(0, 2000));
  process.exit(1);
}
