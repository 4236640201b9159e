import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { BUNDLE_DIR } from "../../../src/cli/bundle-stamp.mjs";

const REPO = join(import.meta.dirname, "..", "..", "..");

/**
 * The `drydock` command builds a bundle of itself on first use and runs it while no source
 * changed. Tested on a copy of the checkout (sources copied, packages linked), so the test can
 * change a source without touching the real one.
 */
describe("drydock's CLI bundle", () => {
  let root = "";
  const stamp = () =>
    JSON.parse(readFileSync(join(root, BUNDLE_DIR, "stamp.json"), "utf8")) as { build: string };
  const drydock = (argv: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, [join(root, "src/cli/bin.mjs"), ...argv], {
      encoding: "utf8",
      env: { ...process.env, DRYDOCK_DATA_ROOT: join(root, "data"), ...env },
    });

  before(() => {
    root = mkdtempSync(join(tmpdir(), "drydock-bundle-"));
    cpSync(join(REPO, "src"), join(root, "src"), { recursive: true });
    for (const file of ["package.json", "tsconfig.json"])
      cpSync(join(REPO, file), join(root, file));
    symlinkSync(join(REPO, "node_modules"), join(root, "node_modules"));
  });

  after(() => rmSync(root, { recursive: true, force: true }));

  it("is built by the first command, and runs containers as the sources do", () => {
    const run = drydock(["run", "--rm", "busybox", "sh", "-c", "echo hi; ls /bin | wc -l; exit 3"]);
    assert.equal(run.stderr, "");
    assert.match(run.stdout, /^hi\n *[0-9]+\n$/);
    assert.equal(run.status, 3);
    const fromSources = drydock(
      ["run", "--rm", "busybox", "sh", "-c", "echo hi; ls /bin | wc -l"],
      {
        DRYDOCK_BUNDLE: "0",
      },
    );
    assert.equal(fromSources.stdout, run.stdout);
    const build = stamp().build;
    for (const file of ["main.cjs", "just-bash.cjs"]) {
      assert.ok(existsSync(join(root, BUNDLE_DIR, build, file)), file);
      assert.ok(existsSync(join(root, BUNDLE_DIR, build, `${file}.v8cache`)), "trained code cache");
    }
  });

  it("is what later commands run, until a source changes", () => {
    const { build } = stamp();
    // Mark the bundle: only a command that runs it prints the mark.
    appendFileSync(join(root, BUNDLE_DIR, build, "main.cjs"), '\nconsole.error("bundled");\n');
    const marked = drydock(["--version"]);
    assert.equal(marked.stderr, "bundled\n");
    assert.match(marked.stdout, /^Docker version /);
    assert.equal(drydock(["--version"], { DRYDOCK_BUNDLE: "0" }).stderr, "");
    const source = join(root, "src/cli/demo.ts");
    // An edit moves the mtime; an earlier one keeps clear of the check for edits during a build.
    const earlier = new Date(statSync(source).mtimeMs - 60_000);
    utimesSync(source, earlier, earlier);
    const rebuilt = drydock(["--version"]);
    assert.equal(rebuilt.stderr, "", "a changed source rebuilds the bundle");
    assert.notEqual(stamp().build, build);
    assert.ok(readdirSync(join(root, BUNDLE_DIR)).includes(build), "the previous build is kept");
  });
});
