import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync, statSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { readFileList } from "../../../src/node/read-file-list.ts";
import { writeFileList } from "../../../src/node/write-file-list.ts";

const root = mkdtempSync(join(tmpdir(), "drydock-file-list-"));
after(() => rmSync(root, { recursive: true, force: true }));
const bytes = (text: string) => new TextEncoder().encode(text);

describe("file lists on a real disk", () => {
  it("writes a list under a directory and reads it back sorted", async () => {
    const dir = join(root, "layout");
    const files = [
      { path: "oci-layout", data: bytes("{}") },
      { path: "blobs/sha256/ab", data: bytes("b") },
      { path: "index.json", data: bytes("[]") },
    ];
    await writeFileList(dir, files);
    assert.equal(statSync(join(dir, "blobs/sha256/ab")).mode & 0o777, 0o644);
    const back = await readFileList(dir);
    assert.deepEqual(
      back.map((file) => file.path),
      ["blobs/sha256/ab", "index.json", "oci-layout"],
    );
    assert.deepEqual(back[0]?.data, bytes("b"));
  });

  it("writes nothing when one path would leave the directory", async () => {
    const dir = join(root, "unsafe");
    const files = [
      { path: "fine", data: bytes("x") },
      { path: "../escape", data: bytes("x") },
    ];
    await assert.rejects(writeFileList(dir, files), { name: "UnsafePathError" });
    assert.equal(existsSync(join(dir, "fine")), false);
    assert.equal(existsSync(join(root, "escape")), false);
  });

  it("refuses symbolic links and enforces its limits when reading", async () => {
    const dir = join(root, "links");
    await writeFileList(dir, [
      { path: "a", data: bytes("1") },
      { path: "b", data: bytes("22") },
    ]);
    await assert.rejects(readFileList(dir, { fileCountMax: 1 }), { name: "LimitExceededError" });
    await assert.rejects(readFileList(dir, { totalSizeBytesMax: 2 }), {
      name: "LimitExceededError",
    });
    symlinkSync("/etc/passwd", join(dir, "c"));
    await assert.rejects(readFileList(dir), { message: "c: not a regular file or directory" });
  });
});
