import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { tarEntry } from "../../../../src/archive/tar-entry.ts";
import { readTar } from "../../../../src/archive/tar-reader.ts";
import { writeTar } from "../../../../src/archive/tar-writer.ts";
import { splitCpArg } from "../../../../src/client/commands/cp.ts";
import type { PathStat } from "../../../../src/engine/api-types.ts";
import { DrydockError } from "../../../../src/errors/drydock-error.ts";
import { fakeEngine } from "../helpers/fake-engine.ts";
import { memoryFiles } from "../helpers/memory-files.ts";
import { runLine } from "../helpers/run-line.ts";

const DIR = 2 ** 31;
const text = (value: string) => new TextEncoder().encode(value);
const fileStat = (name: string): PathStat => ({
  name,
  size: 19,
  mode: 0o644,
  mtime: "2026-01-01T00:00:00Z",
  linkTarget: "",
});
const dirStat = (name: string): PathStat => ({
  name,
  size: 4096,
  mode: DIR | 0o755,
  mtime: "2026-01-01T00:00:00Z",
  linkTarget: "",
});

const fileArchive = writeTar([
  tarEntry({ path: "hello.txt", type: "file", data: text("hello from context\n") }),
]);
const dirArchive = writeTar([
  tarEntry({ path: "work", type: "directory" }),
  tarEntry({ path: "work/a.txt", type: "file", data: text("a\n") }),
]);

function engineWith(stat: PathStat, archive: Uint8Array) {
  return fakeEngine({
    containerArchive: async (_name, path) => {
      if (path === "/nope")
        throw new DrydockError("NotFound", "Could not find the file /nope in container c1");
      return { stat, archive };
    },
  });
}

describe("docker cp", () => {
  it("splits CONTAINER:PATH from local paths", () => {
    assert.deepEqual(splitCpArg("c1:/etc"), { container: "c1", path: "/etc" });
    assert.deepEqual(splitCpArg("./a:b"), { path: "./a:b" });
    assert.deepEqual(splitCpArg("/abs:x"), { path: "/abs:x" });
    assert.deepEqual(splitCpArg("local"), { path: "local" });
  });

  it("copies a file into an existing directory, or to a new name", async () => {
    const host = memoryFiles({ "/work/out": { type: "directory" } });
    const engine = engineWith(fileStat("hello.txt"), fileArchive);
    assert.equal(
      (await runLine(engine, ["cp", "c1:/hello.txt", "out/"], { files: host })).exitCode,
      0,
    );
    assert.equal(
      new TextDecoder().decode(await host.readFile("/work/out/hello.txt")),
      "hello from context\n",
    );
    await runLine(engine, ["cp", "c1:/hello.txt", "out/renamed.txt"], { files: host });
    assert.equal(
      new TextDecoder().decode(await host.readFile("/work/out/renamed.txt")),
      "hello from context\n",
    );
  });

  it("copies a directory into a directory, or as a new directory", async () => {
    const host = memoryFiles({ "/work/out": { type: "directory" } });
    const engine = engineWith(dirStat("work"), dirArchive);
    await runLine(engine, ["cp", "c1:/work", "out"], { files: host });
    assert.deepEqual(await host.readDir("/work/out/work"), ["a.txt"]);
    await runLine(engine, ["cp", "c1:/work", "out/newdir"], { files: host });
    assert.deepEqual(await host.readDir("/work/out/newdir"), ["a.txt"]);
  });

  it("reports docker's errors", async () => {
    const host = memoryFiles({ "/work/out": { type: "directory" } });
    const engine = engineWith(fileStat("hello.txt"), fileArchive);
    const missing = await runLine(engine, ["cp", "c1:/nope", "out/"], { files: host });
    assert.equal(
      missing.stderr,
      "Error response from daemon: Could not find the file /nope in container c1\n",
    );
    assert.equal(
      (await runLine(engine, ["cp", "c1:/hello.txt", "out/missingdir/"], { files: host })).stderr,
      "no such directory\n",
    );
    assert.equal(
      (await runLine(engine, ["cp", "a", "b"], { files: host })).stderr,
      "must specify at least one container source\n",
    );
  });

  it("streams a tar to stdout with -", async () => {
    const engine = engineWith(fileStat("hello.txt"), fileArchive);
    const result = await runLine(engine, ["cp", "c1:/hello.txt", "-"]);
    assert.deepEqual(
      readTar(result.io.stdoutBytes()).map((entry) => entry.path),
      ["hello.txt"],
    );
  });

  it("copies host files into a container directory under their base name", async () => {
    const host = memoryFiles({ "/work/ctx/hello.txt": "hi\n", "/work/ctx/sub/x": "x\n" });
    const extracted: [string, string[]][] = [];
    const engine = fakeEngine({
      containerStatPath: async (_name, path) => {
        if (path === "/app") return dirStat("app");
        throw new DrydockError("NotFound", `Could not find the file ${path} in container c1`);
      },
      containerExtract: async (_name, path, archive) => {
        extracted.push([path, readTar(archive).map((entry) => entry.path)]);
      },
    });
    await runLine(engine, ["cp", "ctx", "c1:/app"], { files: host });
    await runLine(engine, ["cp", "ctx/.", "c1:/app"], { files: host });
    await runLine(engine, ["cp", "ctx/hello.txt", "c1:/app/renamed.txt"], { files: host });
    assert.deepEqual(extracted, [
      ["/app", ["ctx", "ctx/hello.txt", "ctx/sub", "ctx/sub/x"]],
      ["/app", ["hello.txt", "sub", "sub/x"]],
      ["/app", ["renamed.txt"]],
    ]);
  });
});
