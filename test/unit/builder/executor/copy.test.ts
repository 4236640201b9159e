import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { gzip } from "../../../../src/archive/gzip.ts";
import { tarEntry } from "../../../../src/archive/tar-entry.ts";
import { writeTar } from "../../../../src/archive/tar-writer.ts";
import { makeHarness } from "./support/harness.ts";

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

describe("COPY and ADD (performCopy)", () => {
  it("follows the destination rules for files and directories", async () => {
    const h = makeHarness();
    const dockerfile = [
      "FROM busybox",
      "COPY a.txt /renamed",
      "COPY a.txt /into/",
      "COPY a.txt /bin",
      "COPY dir /content",
      "WORKDIR /w",
      "COPY a.txt rel/",
      "COPY dir/*.txt /glob/",
    ].join("\n");
    await h.build(
      { Dockerfile: dockerfile, "a.txt": "A", "dir/x.txt": "X", "dir/sub/y": "Y" },
      { tags: ["c"] },
    );
    const fs = await h.rootfs("c");
    assert.equal(text(fs.readFile("/renamed")), "A");
    assert.equal(text(fs.readFile("/into/a.txt")), "A");
    assert.equal(text(fs.readFile("/bin/a.txt")), "A");
    assert.deepEqual(fs.readdir("/content"), ["sub", "x.txt"]);
    assert.equal(text(fs.readFile("/w/rel/a.txt")), "A");
    assert.deepEqual(fs.readdir("/glob"), ["x.txt"]);
  });

  it("records dockerd's cache text in created_by, --chown glued to the hash", async () => {
    const h = makeHarness();
    await h.build(
      { Dockerfile: "FROM busybox\nCOPY --chown=5:6 a /a\nCOPY a b /m/\n", a: "a", b: "b" },
      { tags: ["h"] },
    );
    const history = h.host.store.resolve("h").config.history ?? [];
    assert.match(
      history.at(-2)?.createdBy ?? "",
      /^\/bin\/sh -c #\(nop\) COPY --chown=5:6file:[0-9a-f]{64} in \/a $/,
    );
    assert.match(
      history.at(-1)?.createdBy ?? "",
      /^\/bin\/sh -c #\(nop\) COPY multi:[0-9a-f]{64} in \/m\/ $/,
    );
  });

  it("owns copies by root, or by --chown (names from the image's passwd and group files)", async () => {
    const h = makeHarness();
    const dockerfile =
      'FROM busybox\nRUN mkdir /etc && echo "app:x:1001:1002::/:/bin/sh" > /etc/passwd && echo "grp:x:1003:" > /etc/group\nCOPY a /root-owned\nCOPY --chown=app:grp a /named/\nCOPY --chown=7 dir /numeric\n';
    await h.build({ Dockerfile: dockerfile, a: "a", "dir/f": "f" }, { tags: ["o"] });
    const fs = await h.rootfs("o");
    assert.deepEqual([fs.stat("/root-owned").uid, fs.stat("/root-owned").gid], [0, 0]);
    assert.deepEqual([fs.stat("/named/a").uid, fs.stat("/named/a").gid], [1001, 1003]);
    assert.deepEqual([fs.stat("/named").uid, fs.stat("/named").gid], [1001, 1003]);
    assert.deepEqual([fs.stat("/numeric/f").uid, fs.stat("/numeric").uid], [7, 7]);
  });

  it("keeps the source's owners for COPY --from without --chown", async () => {
    const h = makeHarness();
    const dockerfile =
      "FROM busybox AS src\nCOPY --chown=9:9 a /a\nFROM busybox\nCOPY --from=src /a /plain\nCOPY --from=src --chown=1:1 /a /owned\n";
    await h.build({ Dockerfile: dockerfile, a: "a" }, { tags: ["f"] });
    const fs = await h.rootfs("f");
    assert.equal(fs.stat("/plain").uid, 9);
    assert.equal(fs.stat("/owned").uid, 1);
  });

  it("reports errors in dockerd's words", async () => {
    const h = makeHarness();
    const cases: [string, string][] = [
      [
        "COPY nope /x",
        "COPY failed: file not found in build context or excluded by .dockerignore: stat nope: file does not exist",
      ],
      ["COPY ../x /x", "COPY failed: forbidden path outside the build context: ../x ()"],
      [
        "COPY a b /x",
        "When using COPY with more than one source file, the destination must be a directory and end with a /",
      ],
      ["COPY *.none /x/", "COPY failed: no source files were specified"],
      [
        "COPY --chmod=644 a /x",
        "the --chmod option requires BuildKit. Refer to https://docs.docker.com/go/buildkit/ to learn how to build images with BuildKit enabled",
      ],
      ["COPY --from=2 a /x", "invalid from flag value 2: index out of bounds"],
      [
        "COPY --chown=who a /x",
        "unable to convert uid/gid chown string to host mapping: can't find uid for user who: open /etc/passwd: no such file or directory",
      ],
      ["COPY http://example.invalid/a /x", "COPY failed: source can't be a URL for COPY"],
      [
        "ADD http://example.invalid/a /x",
        'ADD failed: Get "http://example.invalid/a": dial tcp: lookup example.invalid: no such host',
      ],
    ];
    for (const [line, message] of cases) {
      const result = await h.build({ Dockerfile: `FROM busybox\n${line}\n`, a: "a", b: "b" });
      assert.equal(result.error?.message, message, line);
    }
  });

  it("unpacks local tar archives for ADD, plain or gzip, and copies other files as they are", async () => {
    const h = makeHarness();
    const tar = writeTar([
      tarEntry({ path: "t", type: "directory" }),
      tarEntry({ path: "t/f", type: "file", uid: 5, data: new TextEncoder().encode("inside") }),
    ]);
    const dockerfile =
      "FROM busybox\nADD plain.tar /p/\nADD packed.tgz /g\nADD note /note\nCOPY plain.tar /kept.tar\n";
    await h.build(
      { Dockerfile: dockerfile, "plain.tar": tar, "packed.tgz": gzip(tar), note: "n" },
      { tags: ["a"] },
    );
    const fs = await h.rootfs("a");
    assert.equal(text(fs.readFile("/p/t/f")), "inside");
    assert.equal(fs.stat("/p/t/f").uid, 5);
    assert.equal(text(fs.readFile("/g/t/f")), "inside");
    assert.equal(text(fs.readFile("/note")), "n");
    assert.equal(fs.stat("/kept.tar").sizeBytes, tar.length);
  });

  it("unpacks bzip2 and xz archives for ADD, and copies zstd, lzma and corrupt ones as files (dockerd 20.10)", async () => {
    const h = makeHarness();
    const fixture = (ext: string) =>
      new Uint8Array(
        readFileSync(
          new URL(`../../../fixtures/archive/codecs/add-context.tar.${ext}`, import.meta.url),
        ),
      );
    const dockerfile =
      "FROM busybox\nADD t.tar.bz2 /bz/\nADD t.tar.xz /xz/\nADD t.tar.zst /zst/\nADD t.tar.lzma /lz/\nADD bad.bz2 /bad\n";
    await h.build(
      {
        Dockerfile: dockerfile,
        "t.tar.bz2": fixture("bz2"),
        "t.tar.xz": fixture("xz"),
        "t.tar.zst": fixture("zst"),
        "t.tar.lzma": fixture("lzma"),
        "bad.bz2": "BZh91AY&SY",
      },
      { tags: ["z"] },
    );
    const fs = await h.rootfs("z");
    for (const dir of ["/bz", "/xz"]) {
      assert.equal(text(fs.readFile(`${dir}/d/a.txt`)), "hello\n");
      assert.deepEqual([...fs.readFile(`${dir}/b.bin`)], [0x78, 0x80, 0xff]);
    }
    assert.equal(fs.stat("/zst/t.tar.zst").sizeBytes, 169);
    assert.equal(fs.stat("/lz/t.tar.lzma").sizeBytes, 188);
    assert.equal(text(fs.readFile("/bad")), "BZh91AY&SY");
  });

  it("copies heredoc sources as files (BuildKit syntax, extended dialect)", async () => {
    const h = makeHarness();
    await h.build(
      { Dockerfile: "FROM busybox\nARG WHO=world\nCOPY <<EOF /greeting.txt\nhello $WHO\nEOF\n" },
      { tags: ["d"] },
    );
    assert.equal(text((await h.rootfs("d")).readFile("/greeting.txt")), "hello world\n");
  });

  it("copies a symlink source as the file it points to, and links inside directories as links", async () => {
    const h = makeHarness();
    const archive = (
      await import("../../../../src/builder/context/client-context.ts")
    ).cliContextTar([
      tarEntry({
        path: "Dockerfile",
        type: "file",
        data: new TextEncoder().encode("FROM busybox\nCOPY link /l\nCOPY d /d\n"),
      }),
      tarEntry({ path: "real", type: "file", data: new TextEncoder().encode("r") }),
      tarEntry({ path: "link", type: "symlink", linkTarget: "real" }),
      tarEntry({ path: "d", type: "directory" }),
      tarEntry({ path: "d/in", type: "symlink", linkTarget: "../real" }),
    ]);
    await h.buildArchive(archive, { tags: ["s"] });
    const fs = await h.rootfs("s");
    assert.equal(fs.lstat("/l").type, "file");
    assert.equal(fs.readlink("/d/in"), "../real");
  });
});
