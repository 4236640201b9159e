// Plain JavaScript on purpose: `bin.mjs` runs this before anything can load TypeScript.
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Script } from "node:vm";

// CommonJS's module wrapper, as Node's loader puts it around a file.
const WRAPPER_START = "(function (exports, require, module, __filename, __dirname) { ";
const WRAPPER_END = "\n});";

/**
 * Loads the CommonJS files of the CLI bundle with V8's code cache: compiling the bundle's ~6 MB
 * of JavaScript is a large part of a short command, and Node 20 caches no compiled code of its
 * own (`module.enableCompileCache` came with Node 22). Each file's cache sits next to it
 * (`<file>.v8cache`); it is written when the process exits, when it was missing or V8 rejected it
 * (another V8), or always with DRYDOCK_CODE_CACHE=refresh (the training run after a build, so
 * the cache holds the functions a container run compiles, not only those of `--help`). A damaged
 * cache is rejected by V8 and rewritten. Files load as `require` loads them, relative
 * `./*.cjs` requires of the bundle through this loader too. They must hold no `import()`: Node 20
 * loses a script's dynamic-import callback in code restored from a cache (so the build turns
 * them into `require` and refuses any other).
 *
 * @param {string} file absolute path of the bundle's entry
 * @returns {Record<string, unknown>} its exports
 */
export function loadBundle(file) {
  const scripts = [];
  const modules = new Map();
  const load = (path) => {
    const loaded = modules.get(path);
    if (loaded !== undefined) return loaded.exports;
    const cachePath = `${path}.v8cache`;
    let cachedData;
    try {
      cachedData = readFileSync(cachePath);
    } catch {
      cachedData = undefined;
    }
    const source = readFileSync(path, "utf8");
    const script = new Script(`${WRAPPER_START}${source}${WRAPPER_END}`, {
      filename: path,
      cachedData,
    });
    scripts.push({
      script,
      cachePath,
      stale: cachedData === undefined || script.cachedDataRejected,
    });
    const module = { exports: {} };
    modules.set(path, module);
    const requireOutside = createRequire(path);
    const require = Object.assign(
      (id) =>
        id.startsWith("./") && id.endsWith(".cjs")
          ? load(join(dirname(path), id))
          : requireOutside(id),
      { resolve: requireOutside.resolve, cache: requireOutside.cache },
    );
    script.runInThisContext()(module.exports, require, module, path, dirname(path));
    return module.exports;
  };
  process.once("exit", () => {
    const refresh = process.env.DRYDOCK_CODE_CACHE === "refresh";
    for (const { script, cachePath, stale } of scripts) {
      if (!stale && !refresh) continue;
      try {
        const temporary = `${cachePath}.tmp-${process.pid}`;
        writeFileSync(temporary, script.createCachedData());
        renameSync(temporary, cachePath);
      } catch {
        // A read-only checkout: the next command compiles again.
      }
    }
  });
  return load(file);
}
