import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { directoryContextTar } from "../../../../src/client/commands/build-context.ts";
import { type MemoryEntry, MemoryHostFiles } from "../../../../src/client/memory-host-files.ts";
import { CONTEXT_CASES, MTIME_S } from "../../../fixtures/client/build-context-cases.ts";

const FIXTURES = join(import.meta.dirname, "../../../fixtures/client/build-contexts");

function hostTree(one: (typeof CONTEXT_CASES)[number]): MemoryHostFiles {
  const mtimeUs = MTIME_S * 1_000_000;
  const entries: Record<string, MemoryEntry> = { "/ctx": { type: "directory", mtimeUs } };
  const addParents = (path: string) => {
    const parts = path.split("/");
    for (let index = 1; index < parts.length; index++) {
      entries[`/ctx/${parts.slice(0, index).join("/")}`] = { type: "directory", mtimeUs };
    }
  };
  for (const dir of one.dirs ?? []) {
    addParents(dir);
    entries[`/ctx/${dir}`] = { type: "directory", mtimeUs };
  }
  for (const [path, content] of Object.entries(one.files)) {
    addParents(path);
    const data = new TextEncoder().encode(typeof content === "string" ? content : content.data);
    entries[`/ctx/${path}`] = {
      type: "file",
      data,
      mode: typeof content === "string" ? 0o644 : content.mode,
      mtimeUs,
    };
  }
  for (const [path, target] of Object.entries(one.symlinks ?? {}))
    entries[`/ctx/${path}`] = { type: "symlink", target, mtimeUs };
  return new MemoryHostFiles({ cwd: "/", entries });
}

describe("build context tar", () => {
  for (const one of CONTEXT_CASES) {
    it(`is byte-identical to the docker CLI's for the "${one.name}" directory`, async () => {
      const expected = new Uint8Array(readFileSync(join(FIXTURES, `${one.name}.tar`)));
      const actual = await directoryContextTar(hostTree(one), {
        root: "/ctx",
        dockerfile: "Dockerfile",
      });
      assert.equal(actual.length, expected.length);
      assert.deepEqual(actual, expected);
    });
  }
});
