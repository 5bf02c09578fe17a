// Make a Pyodide memory snapshot with the calculators imported (run by handbook/runtime/snapshot.py):
//
//   node make_snapshot.mjs RUNTIME_DIR OUT.bin SPEC.json
//
// SPEC.json: {"wheels": [{"path", "sha256"}], "packages": ["calculators", "calckit"]}. Each wheel is checked
// against its sha256 and unpacked into site-packages by Python's zipfile, as the browser's worker
// does (packages loaded with loadPackage cannot be snapshotted); then every module of the package is imported, since files do not survive a
// restore: what is not imported now cannot be imported in the browser. Prints {"bytes", "python"}.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

// Memory the C allocator has freed still holds what was there (the wheels unzipped, the modules'
// source compiled): 2.3 MB of it here, which the snapshot would carry. It is taken from the
// allocator in blocks as large as it gives without growing the heap (its footprint limited to what
// it is), zeroed and given back, so those pages are left out of the packed file (1.5 MB less to
// download, decode and copy; 0.5 MB less on the wire). Nothing in use is touched.
function zeroFreeMemory(module) {
  const limit = module._malloc_footprint_limit();
  module._malloc_set_footprint_limit(module._malloc_footprint());
  const taken = [];
  try {
    for (let size = 1 << 22; size >= 64; size >>= 1) {
      for (let block = module._malloc(size); block; block = module._malloc(size)) {
        taken.push(block);
        module.HEAPU8.fill(0, block, block + size);
      }
    }
  } finally {
    for (const block of taken) module._free(block);
    module._malloc_set_footprint_limit(limit);
  }
}

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
  pyodide.globals.set("PACKAGES", JSON.stringify(spec.packages));   // a str: a JS proxy would not snapshot
  const python = pyodide.runPython(`
import importlib, json, pkgutil, random, sys
for name in json.loads(PACKAGES):   # the handbook's first: importing it makes it the package in use
    package = importlib.import_module(name)
    for module in pkgutil.walk_packages(package.__path__, name + "."):
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)
del package, module, name
sys.version.split()[0]`);
  pyodide.runPython("import gc\ngc.collect()");
  zeroFreeMemory(pyodide._module);
  const snapshot = pyodide.makeMemorySnapshot();
  writeFileSync(out, snapshot);
  process.stdout.write(JSON.stringify({ bytes: snapshot.length, python }));
} catch (err) {
  process.stderr.write(String(err && err.message || err).slice(0, 2000));
  process.exit(1);
}
