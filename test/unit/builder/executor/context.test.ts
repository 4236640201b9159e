import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { gzip } from "../../../../src/archive/gzip.ts";
import { tarEntry } from "../../../../src/archive/tar-entry.ts";
import { writeTar } from "../../../../src/archive/tar-writer.ts";
import { DEFAULT_BUILD_LIMITS } from "../../../../src/builder/build-limits.ts";
import {
  cliContextTar,
  dockerfileContextTar,
} from "../../../../src/builder/context/client-context.ts";
import { readBuildContext } from "../../../../src/builder/context/read-build-context.ts";
import { tarsumEntryHash } from "../../../../src/builder/context/tarsum.ts";
import { isDrydockError } from "../../../../src/errors/drydock-error.ts";
import { contextTar, makeHarness } from "./support/harness.ts";

const encoder = new TextEncoder();
const read = (archive: Uint8Array, limits = {}) =>
  readBuildContext(
    { kind: "tar", archive },
    { nowUs: 0, limits: { ...DEFAULT_BUILD_LIMITS, ...limits } },
  );

describe("build contexts", () => {
  it("hashes a file as dockerd does: Debian's busybox is file:73e2b2d4… (README (f) 18)", {
    skip: !existsSync("/usr/bin/busybox") && "no /usr/bin/busybox",
  }, async () => {
    const data = new Uint8Array(readFileSync("/usr/bin/busybox"));
    const entry = tarEntry({
      path: "busybox",
      type: "file",
      mode: 0o755,
      mtimeUs: 1_704_067_200_000_000,
      data,
    });
    const context = await read(cliContextTar([entry]));
    assert.equal(
      context.hash("busybox"),
      "73e2b2d48642b21b357384b0cb81c1869cc5e0c48a00f61553756196058304b9",
    );
    // The mtime is not part of the hash.
    const touched = await read(cliContextTar([{ ...entry, mtimeUs: 0 }]));
    assert.equal(touched.hash("busybox"), context.hash("busybox"));
  });

  it("hashes the mode field as the client wrote it (type bits count)", async () => {
    const entry = tarEntry({ path: "a", type: "file", data: encoder.encode("x") });
    const cli = await read(cliContextTar([entry]));
    const layerStyle = await read(writeTar([entry]));
    const header = {
      name: "a",
      uid: 0,
      gid: 0,
      sizeBytes: 1,
      typeflag: "0",
      linkname: "",
      uname: "",
      gname: "",
      devMajor: 0,
      devMinor: 0,
      xattrs: {},
    };
    assert.equal(cli.hash("a"), tarsumEntryHash({ ...header, mode: 0o644 }, encoder.encode("x")));
    assert.equal(
      layerStyle.hash("a"),
      tarsumEntryHash({ ...header, mode: 0o100644 }, encoder.encode("x")),
    );
  });

  it("follows symlinks inside the context and hashes a missing path as itself", async () => {
    const context = await read(
      cliContextTar([
        tarEntry({ path: "real", type: "file", data: encoder.encode("r") }),
        tarEntry({ path: "link", type: "symlink", linkTarget: "/real" }),
        tarEntry({ path: "dangling", type: "symlink", linkTarget: "nowhere" }),
      ]),
    );
    assert.equal(context.hash("link"), context.hash("real"));
    assert.equal(context.hash("nowhere-at-all"), "nowhere-at-all");
    assert.equal(context.stat("dangling"), undefined);
  });

  it("accepts gzip, bzip2 and xz contexts, as dockerd 20.10 decompresses them", async () => {
    const tar = contextTar({ Dockerfile: "FROM busybox\n" });
    assert.equal((await read(gzip(tar))).origin, "tar+gzip");
    // Made by the real bzip2 and xz (test/fixtures/builder/README.md).
    for (const [name, origin] of [
      ["context.tar.bz2", "tar+bzip2"],
      ["context.tar.xz", "tar+xz"],
    ] as const) {
      const bytes = new Uint8Array(
        readFileSync(new URL(`../../../fixtures/builder/${name}`, import.meta.url)),
      );
      const context = await read(bytes);
      assert.equal(context.origin, origin);
      assert.notEqual(context.stat("a"), undefined);
      assert.notEqual(context.stat("Dockerfile"), undefined);
    }
    await assert.rejects(read(encoder.encode("BZh91AY&SY")), (error) => {
      assert.ok(isDrydockError(error) && error.code !== "Unimplemented");
      return true;
    });
  });

  it("answers a body that is not a tar as Go's tar reader does", async () => {
    await assert.rejects(read(encoder.encode("FROM busybox\nRUN echo x\n")), /^.*unexpected EOF$/);
  });

  it("stops at its limits with a LimitExceededError", async () => {
    const tar = contextTar({ a: "1", b: "2", c: "3" });
    await assert.rejects(
      read(tar, { contextEntryCountMax: 2 }),
      (error) => isDrydockError(error) && error.code === "LimitExceeded",
    );
  });

  it("finds the Dockerfile as dockerd does: -f path, lower-case fallback, clear errors", async () => {
    const h = makeHarness();
    assert.match(
      (await h.build({ "sub/Df": "FROM busybox\n" }, { dockerfile: "sub/Df" })).text,
      /Successfully built/,
    );
    assert.match((await h.build({ dockerfile: "FROM busybox\n" })).text, /Successfully built/);
    assert.equal(
      (await h.build({ a: "x" })).thrown?.message,
      "Cannot locate specified Dockerfile: Dockerfile",
    );
    assert.equal(
      (await h.build({ Dockerfile: "" })).thrown?.message,
      "the Dockerfile (Dockerfile) cannot be empty",
    );
  });

  it("drops the Dockerfile and .dockerignore from the context when .dockerignore names them", async () => {
    const h = makeHarness();
    const files = {
      ".dockerignore": ".dockerignore\nDockerfile\n",
      Dockerfile: "FROM busybox\nCOPY . /ctx/\n",
      "a.txt": "a",
    };
    await h.build(files, { tags: ["ctx"] });
    const fs = await h.rootfs("ctx");
    assert.deepEqual(fs.readdir("/ctx"), ["a.txt"]);
  });

  it("wraps a Dockerfile from stdin as the CLI does", async () => {
    const h = makeHarness();
    const result = await h.buildArchive(
      dockerfileContextTar("FROM busybox\nENV X=1\n", { mtimeUs: 0 }),
    );
    assert.match(result.text, /Step 2\/2 : ENV X=1/);
  });

  it("leaves out what .dockerignore excludes, as the CLI does (client side)", async () => {
    const entries = [
      tarEntry({
        path: ".dockerignore",
        type: "file",
        data: encoder.encode("*.log\n!keep.log\nDockerfile\n"),
      }),
      tarEntry({ path: "Dockerfile", type: "file", data: encoder.encode("FROM busybox\n") }),
      tarEntry({ path: "a.log", type: "file" }),
      tarEntry({ path: "keep.log", type: "file" }),
    ];
    const context = await read(cliContextTar(entries));
    assert.equal(context.entryCount, 3);
    assert.equal(context.stat("a.log"), undefined);
    assert.equal(context.stat("Dockerfile")?.type, "file");
  });
});
