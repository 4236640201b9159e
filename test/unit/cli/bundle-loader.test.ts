import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { pathToFileURL } from "node:url";

const LOADER = pathToFileURL(join(import.meta.dirname, "../../../src/cli/bundle-loader.mjs")).href;

/**
 * The bundle's CommonJS files load through `vm.Script` with V8's code cache next to them. Run in
 * child processes, because the cache is written when a process exits.
 */
describe("loadBundle", () => {
  let dir = "";
  const entry = () => join(dir, "main.cjs");
  const run = (env: Record<string, string> = {}) => {
    const script = `import { loadBundle } from ${JSON.stringify(LOADER)};
const { answer, later } = loadBundle(${JSON.stringify(entry())});
console.log(answer(), process.env.LATER === "1" ? await later() : "");`;
    return spawnSync(process.execPath, ["--input-type=module", "-e", script], {
      encoding: "utf8",
      env: { ...process.env, ...env },
    });
  };

  before(() => {
    dir = mkdtempSync(join(tmpdir(), "drydock-loader-"));
    writeFileSync(
      entry(),
      `const helper = require("./helper.cjs");
const { sep } = require("node:path");
exports.answer = () => helper.twice(21) + (sep.length === 1 ? 0 : 1);
exports.later = async () => (await import("node:os")).EOL === "\\n" ? __filename.endsWith("main.cjs") : "?";`,
    );
    writeFileSync(join(dir, "helper.cjs"), "exports.twice = (n) => n * 2;");
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it("runs CommonJS with require and relative bundle files, quietly", () => {
    const result = run();
    assert.equal(result.stderr, "");
    assert.equal(result.stdout, "42 \n");
  });

  it("rejects an import(), with a code cache or without, which is why the build leaves none", () => {
    for (const refresh of ["refresh", ""]) {
      const result = run({ LATER: "1", DRYDOCK_CODE_CACHE: refresh });
      assert.match(result.stderr, /ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING/);
    }
  });

  it("writes each file's code cache once, and keeps it while V8 accepts it", () => {
    const cache = `${entry()}.v8cache`;
    const written = statSync(cache).mtimeMs;
    assert.ok(statSync(join(dir, "helper.cjs.v8cache")).size > 0);
    assert.equal(run().stdout, "42 \n");
    assert.equal(statSync(cache).mtimeMs, written, "an accepted cache is not rewritten");
    assert.equal(run({ DRYDOCK_CODE_CACHE: "refresh" }).stdout, "42 \n");
    assert.notEqual(statSync(cache).mtimeMs, written, "refresh rewrites it");
  });

  it("replaces a damaged cache", () => {
    const cache = `${entry()}.v8cache`;
    writeFileSync(cache, "not a code cache");
    assert.equal(run().stdout, "42 \n");
    assert.notEqual(readFileSync(cache, "latin1"), "not a code cache");
  });
});
