import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import {
  chmod,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  writeFile,
} from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import type { BuildOptions, Metafile, Plugin } from "esbuild";
import { assert } from "../errors/assert.ts";
import { BUNDLE_DIR, STAMP_FORMAT } from "./bundle-stamp.mjs";

const execFileAsync = promisify(execFile);

/**
 * Packages left out of the bundle and loaded from node_modules as they are: ones that find files
 * next to themselves through `__dirname` (a native addon, a wasm file), which a bundle moves.
 */
const EXTERNAL_PACKAGES: readonly string[] = ["@mongodb-js/zstd", "node-liblzma", "sql.js"];

/** Files that shape the bundle without being read into it: a change to them rebuilds it too. */
const BUILD_INPUTS: readonly string[] = ["package.json", "tsconfig.json", "src/cli/cli-bundle.ts"];

/** Build directories of crashed builds older than this (by the files' clock) are removed. */
const ABANDONED_BUILD_AGE_MS = 10 * 60 * 1000;

/** The command whose run fills the code cache after a build: it compiles what most commands do. */
const TRAINING_COMMAND: readonly string[] = ["run", "--rm", "busybox", "true"];

/**
 * Builds the bundle `bin.mjs` runs instead of the TypeScript sources (see `bundle-stamp.mjs`):
 * the CLI as one CommonJS file whose lazily loaded parts (the engine, the container runtime) are
 * only evaluated when used, and just-bash as another, so its ~200 command modules load as one.
 * CommonJS, because `bundle-loader.mjs` can give it V8's code cache, which ES modules cannot have
 * on Node 20. Written under `<root>/dist/cli/<build>/`, stamped with the size and mtime of every
 * input, then run once (`TRAINING_COMMAND`) to fill the code cache. Returns the entry, or
 * undefined when an input changed while the bundle was built (that bundle is not used; the next
 * command builds again).
 */
export async function buildCliBundle(options: { root: string }): Promise<string | undefined> {
  const { root } = options;
  const dist = join(root, BUNDLE_DIR);
  await mkdir(dist, { recursive: true });
  const work = await mkdtemp(join(dist, "build-"));
  await chmod(work, 0o755);
  try {
    // The start of the build on the files' own clock: an input newer than this changed meanwhile.
    await writeFile(join(work, "started"), "");
    const startedMs = (await stat(join(work, "started"))).mtimeMs;
    const inputs = await buildInto(root, work);
    if (inputs.some(([, mtimeMs]) => mtimeMs >= startedMs)) return undefined;
    await rm(join(work, "started"));
    const id = createHash("sha256").update(JSON.stringify(inputs)).digest("hex").slice(0, 16);
    const target = join(dist, id);
    // The same inputs give the same build: one a concurrent command made may be in use.
    if (!(await exists(target))) {
      await rename(work, target).catch(async (error: unknown) => {
        if (!(await exists(target))) throw error;
      });
    }
    const previous = await previousBuild(dist);
    const stamp = { format: STAMP_FORMAT, root, node: process.version, build: id, inputs };
    const temporary = join(dist, `stamp.json.tmp-${process.pid}`);
    await writeFile(temporary, `${JSON.stringify(stamp)}\n`);
    await rename(temporary, join(dist, "stamp.json"));
    await removeOldBuilds(dist, { keep: [id, previous], nowMs: startedMs });
    await trainCodeCache(root);
    return join(target, "main.cjs");
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Runs both builds into `outdir`; returns the stamp's inputs. */
async function buildInto(root: string, outdir: string): Promise<[string, number, number][]> {
  const { build } = await import("esbuild");
  const results = await Promise.all(
    bundleOptions(root, outdir).map((buildOptions) => build(buildOptions)),
  );
  const metafiles = results.map((result) => {
    assert(result.metafile !== undefined, "the builds ask for a metafile");
    return result.metafile;
  });
  await checkInlinedPackages(root, metafiles);
  return stampedInputs(root, metafiles);
}

/**
 * Runs `TRAINING_COMMAND` on the new bundle in a child process on a temporary data root, which
 * writes the code cache of everything it compiled. A failure only leaves the cache to the next
 * command.
 */
async function trainCodeCache(root: string): Promise<void> {
  const dataRoot = await mkdtemp(join(tmpdir(), "drydock-train-"));
  try {
    await execFileAsync(process.execPath, [join(root, "src/cli/bin.mjs"), ...TRAINING_COMMAND], {
      env: {
        ...process.env,
        DRYDOCK_DATA_ROOT: dataRoot,
        DRYDOCK_CODE_CACHE: "refresh",
        DRYDOCK_BUNDLE_TRAINING: "1",
      },
      timeout: 60_000,
    }).catch(() => undefined);
  } finally {
    await rm(dataRoot, { recursive: true, force: true });
  }
}

/** The two builds: just-bash alone, and the CLI, which requires just-bash from the first. */
function bundleOptions(root: string, outdir: string): BuildOptions[] {
  const common: BuildOptions = {
    absWorkingDir: root,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: `node${process.versions.node.split(".")[0]}`,
    // Names stay what they are in the sources (esbuild renames clashing ones otherwise).
    keepNames: true,
    metafile: true,
    logLevel: "silent",
  };
  const userland: Plugin = {
    name: "drydock-userland",
    setup(build) {
      build.onResolve({ filter: /^just-bash$/ }, () => ({
        path: "./just-bash.cjs",
        external: true,
      }));
    },
  };
  return [
    {
      ...common,
      entryPoints: ["just-bash"],
      outfile: join(outdir, "just-bash.cjs"),
      plugins: [importMetaUrlPlugin(), externalPackagesPlugin()],
    },
    {
      ...common,
      entryPoints: ["src/cli/main.ts"],
      outfile: join(outdir, "main.cjs"),
      plugins: [importMetaUrlPlugin(), externalPackagesPlugin(), userland],
    },
  ];
}

/**
 * Keeps `import.meta.url` of bundled packages pointing at their own files, so what they find
 * next to themselves (just-bash's workers, yargs's locales) is still found; and defers just-bash's
 * read of `globalThis.Headers` (see `deferGlobalHeaders`).
 */
function importMetaUrlPlugin(): Plugin {
  return {
    name: "drydock-import-meta-url",
    setup(build) {
      build.onLoad({ filter: /[\\/]node_modules[\\/].*\.m?js$/ }, async (args) => {
        const text = await readFile(args.path, "utf8");
        const patched = deferGlobalHeaders(args.path, text);
        if (!patched.includes("import.meta.url"))
          return patched === text ? undefined : { contents: patched, loader: "js" };
        const url = JSON.stringify(pathToFileURL(args.path).href);
        return { contents: patched.replaceAll("import.meta.url", url), loader: "js" };
      });
    },
  };
}

/**
 * just-bash reads `globalThis.Headers` when it loads (a chunk of its bundle keeps it for `curl`,
 * which only ever calls `new` on it). On Node that global is a lazy getter that loads undici,
 * ~20 ms of a short command that never runs curl. A constructor that reaches the global when
 * called instead gives `curl` the same `Headers` objects. A file without that exact text is left
 * as it is (another just-bash version: correct, only slower).
 */
export function deferGlobalHeaders(path: string, text: string): string {
  if (!/[\\/]just-bash[\\/]dist[\\/]bundle[\\/]chunks[\\/]chunk-[^\\/]+\.js$/.test(path))
    return text;
  return text.replace(
    /(?<=[,{;]|\bvar )([A-Za-z_$][\w$]*)=globalThis\.Headers(?=[,;])/,
    "$1=function(init){return new globalThis.Headers(init)}",
  );
}

/**
 * Makes a dynamic `import()` of an external package a `require()` when it runs: the bundle runs
 * as a `vm.Script` with a code cache, where Node 20 has no way to run an `import()` (see
 * `bundle-loader.mjs`). It also settles without real I/O, so it cannot stall simulated time.
 */
function externalPackagesPlugin(): Plugin {
  const names = EXTERNAL_PACKAGES.map((name) => name.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"));
  return {
    name: "drydock-external-packages",
    setup(build) {
      build.onResolve({ filter: new RegExp(`^(${names.join("|")})$`) }, (args) =>
        args.kind === "dynamic-import"
          ? { path: args.path, namespace: "drydock-require" }
          : { path: args.path, external: true },
      );
      build.onLoad({ filter: /.*/, namespace: "drydock-require" }, (args) => ({
        contents: `module.exports = require(${JSON.stringify(args.path)});`,
        loader: "js",
      }));
    },
  };
}

/**
 * Fails when the bundle would not behave as the sources: a bundled CommonJS package that
 * locates files by `__dirname` (add it to the externals), or an `import()` left to run.
 */
async function checkInlinedPackages(root: string, metafiles: readonly Metafile[]): Promise<void> {
  for (const metafile of metafiles) {
    for (const [path, input] of Object.entries(metafile.inputs)) {
      const dynamic = input.imports.find((i) => i.kind === "dynamic-import" && i.external);
      if (dynamic !== undefined) throw new Error(`${path} imports ${dynamic.path} dynamically`);
      if (!path.startsWith("node_modules/") || input.format !== "cjs") continue;
      const text = await readFile(join(root, path), "utf8");
      if (/\b__(dirname|filename)\b/.test(text))
        throw new Error(`${path} uses __dirname; it cannot be bundled`);
    }
  }
}

/**
 * What the stamp checks, with mtime and size, sorted by path: every source file the builds read,
 * and for packages only their package.json (npm rewrites a package whole), which halves the
 * files a command has to stat before it starts.
 */
async function stampedInputs(
  root: string,
  metafiles: readonly Metafile[],
): Promise<[string, number, number][]> {
  const paths = new Set([
    ...BUILD_INPUTS,
    ...metafiles
      .flatMap((metafile) => Object.keys(metafile.inputs))
      // Modules the plugins make up (`namespace:path`) are no files.
      .filter((path) => !/^[a-z-]+:/.test(path))
      .map(packageJsonOrSelf),
  ]);
  const inputs: [string, number, number][] = [];
  for (const path of [...paths].sort()) {
    const info = await stat(join(root, path));
    inputs.push([path, info.mtimeMs, info.size]);
  }
  return inputs;
}

/** `node_modules/[@scope/]name/package.json` for a file of a package; other paths as they are. */
function packageJsonOrSelf(path: string): string {
  const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(path);
  return match === null ? path : `${match[1]}/package.json`;
}

async function exists(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined)) !== undefined;
}

async function previousBuild(dist: string): Promise<string | undefined> {
  try {
    const stamp = JSON.parse(await readFile(join(dist, "stamp.json"), "utf8")) as {
      build?: unknown;
    };
    return typeof stamp.build === "string" ? stamp.build : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Removes builds other than the current and the previous one (a command that started on the
 * previous one may still have to load its just-bash.cjs), and directories crashed builds left.
 */
async function removeOldBuilds(
  dist: string,
  options: { keep: readonly (string | undefined)[]; nowMs: number },
): Promise<void> {
  for (const entry of await readdir(dist, { withFileTypes: true })) {
    if (!entry.isDirectory() || options.keep.includes(entry.name)) continue;
    const path = join(dist, entry.name);
    if (entry.name.startsWith("build-")) {
      const info = await stat(path);
      if (options.nowMs - info.mtimeMs < ABANDONED_BUILD_AGE_MS) continue;
    }
    await rm(path, { recursive: true, force: true });
  }
}
