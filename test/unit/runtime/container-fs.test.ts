import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { VirtualClock } from "../../../src/clock/virtual-clock.ts";
import { LayerTree } from "../../../src/fs/layer-tree.ts";
import { SeededRng } from "../../../src/random/rng.ts";
import { simProgramBinary } from "../../../src/runtime/binary-format.ts";
import { ContainerFs, ELF_EXEC_SHIM } from "../../../src/runtime/container-fs.ts";
import { DeviceIo, ZERO_READ_BYTES } from "../../../src/runtime/devices.ts";
import { MountedFs } from "../../../src/runtime/mounted-fs.ts";

function adapter(seed = 1): { fs: ContainerFs; root: LayerTree; clock: VirtualClock } {
  const clock = new VirtualClock({ startUs: 5_000_000 });
  const root = new LayerTree({ nowUs: 0 });
  const at = { nowUs: 0 };
  root.mkdirp("/dev", at);
  root.mkdirp("/usr/bin", at);
  root.writeFile("/usr/bin/tool", simProgramBinary("tool"), { ...at, mode: 0o755 });
  for (const [name, minor] of [
    ["null", 3],
    ["zero", 5],
    ["full", 7],
    ["urandom", 9],
  ] as const) {
    root.mknod(`/dev/${name}`, { type: "char", devMajor: 1, devMinor: minor, mode: 0o666, ...at });
  }
  const volume = new LayerTree({ nowUs: 0 });
  root.mkdirp("/vol", at);
  const fs = new ContainerFs({
    fs: new MountedFs({ root, mounts: [{ target: "/vol", fs: volume }] }),
    clock,
    owner: { uid: 1000, gid: 1000 },
    devices: new DeviceIo({ rng: SeededRng.fromSeed(seed) }),
    hiddenCommands: new Set(["__drydock_exec"]),
  });
  return { fs, root, clock };
}

describe("ContainerFs (just-bash's filesystem over drydock's)", () => {
  it("creates files with the process's owner, umask 022 and the simulated time", async () => {
    const { fs, root } = adapter();
    await fs.writeFile("/f", "data");
    await fs.mkdir("/d/e", { recursive: true });
    const file = root.stat("/f");
    assert.deepEqual([file.uid, file.gid, file.perm, file.mtimeUs], [1000, 1000, 0o644, 5_000_000]);
    assert.equal(root.stat("/d/e").perm, 0o755);
    assert.equal((await fs.stat("/f")).mtime.getTime(), 5000);
  });

  it("acts as the kernel's memory devices by device number", async () => {
    const { fs } = adapter();
    await fs.appendFile("/dev/null", "gone");
    assert.equal(await fs.readFile("/dev/null"), "");
    assert.equal((await fs.readFileBuffer("/dev/zero")).length, ZERO_READ_BYTES);
    await assert.rejects(fs.writeFile("/dev/full", "x"), /ENOSPC/);
    const first = await fs.readFileBuffer("/dev/urandom");
    assert.deepEqual(first, await adapter().fs.readFileBuffer("/dev/urandom"));
    assert.notDeepEqual(first, await adapter(2).fs.readFileBuffer("/dev/urandom"));
  });

  it("shows an ELF file as the exec shim to text reads only", async () => {
    const { fs } = adapter();
    assert.equal(await fs.readFile("/usr/bin/tool"), ELF_EXEC_SHIM);
    assert.deepEqual(await fs.readFileBuffer("/usr/bin/tool"), simProgramBinary("tool"));
  });

  it("answers for hidden helper commands without listing them", async () => {
    const { fs } = adapter();
    assert.equal(await fs.exists("/usr/bin/__drydock_exec"), true);
    assert.equal((await fs.stat("/usr/bin/__drydock_exec")).mode, 0o755);
    assert.deepEqual(await fs.readdir("/usr/bin"), ["tool"]);
    assert.equal(await fs.exists("/usr/bin/__drydock_other"), false);
  });

  it("moves across mounts by copying, and reports errno names in messages", async () => {
    const { fs, root } = adapter();
    await fs.writeFile("/f", "data");
    await fs.mv("/f", "/vol/f");
    assert.equal(await fs.readFile("/vol/f"), "data");
    assert.equal(root.exists("/f"), false);
    await assert.rejects(fs.readFile("/missing"), /ENOENT/);
    await assert.rejects(fs.mkdir("/vol"), /EEXIST/);
  });

  it("resolves paths lexically", () => {
    const { fs } = adapter();
    assert.equal(fs.resolvePath("/a/b", "../c/./d"), "/a/c/d");
    assert.equal(fs.resolvePath("/a", "/x/../../y"), "/y");
  });
});
