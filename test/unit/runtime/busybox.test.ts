import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { before, describe, it } from "node:test";
import { tarEntry } from "../../../src/archive/tar-entry.ts";
import { EventLoop } from "../../../src/clock/event-loop.ts";
import { VirtualClock } from "../../../src/clock/virtual-clock.ts";
import { treeFromEntries } from "../../../src/fs/apply-entries.ts";
import { SeededRng } from "../../../src/random/rng.ts";
import { classifyExecutable } from "../../../src/runtime/binary-format.ts";
import { BUSYBOX_APPLETS } from "../../../src/runtime/busybox-applets.ts";
import { assembleContainerRootfs } from "../../../src/runtime/container-rootfs.ts";
import { busyboxImage, busyboxStandIn } from "../../../src/runtime/offline-images.ts";
import { SimRuntime } from "../../../src/runtime/sim-runtime.ts";
import { prepareUserland } from "../../../src/runtime/userland.ts";
import { DEFAULT_ENV, World } from "./runtime-harness.ts";

const HOST_BUSYBOX = "/usr/bin/busybox";
const fixture = JSON.parse(
  readFileSync(
    new URL("../../fixtures/runtime/busybox-install-layer.json", import.meta.url),
    "utf8",
  ),
) as { installLayer: RecordedEntry[] };

interface RecordedEntry {
  readonly path: string;
  readonly type: string;
  readonly mode: string;
  readonly uid: number;
  readonly gid: number;
  readonly linkTarget?: string;
}

/** Runs `/bin/busybox --install -s /bin` on an image holding only `binary` at /bin/busybox. */
async function installOn(binary: Uint8Array): Promise<RecordedEntry[]> {
  const clock = new VirtualClock();
  const loop = new EventLoop({ clock });
  const nowUs = clock.nowUs();
  const layer = treeFromEntries(
    [
      tarEntry({ path: "bin", type: "directory" }),
      tarEntry({ path: "bin/busybox", type: "file", mode: 0o755, data: binary }),
    ],
    { nowUs },
  );
  const rootfs = assembleContainerRootfs({
    imageLayers: [layer],
    nowUs,
    hostname: "b",
    hosts: "",
    resolvConf: "",
  });
  const runtime = new SimRuntime({ scheduler: loop, rng: SeededRng.fromSeed(1) });
  const process = runtime.start({
    containerId: "build",
    rootfs: rootfs.view,
    argv: ["/bin/busybox", "--install", "-s", "/bin"],
    env: DEFAULT_ENV,
    cwd: "/",
    user: "",
    hostname: "b",
    tty: false,
    openStdin: false,
    isInit: true,
    onOutput: () => {},
  });
  assert.deepEqual(await loop.runUntil(process.exited), { exitCode: 0 });
  // In the form the fixture was written by Python's tarfile (type bits in the mode).
  return rootfs.overlay.diff().map((entry) => ({
    path: entry.path,
    type: entry.type === "directory" ? "dir" : entry.type,
    mode: `0o${(entry.mode | (entry.type === "directory" ? 0o40000 : entry.type === "symlink" ? 0o120000 : 0)).toString(8)}`,
    uid: entry.uid,
    gid: entry.gid,
    ...(entry.type === "symlink" ? { linkTarget: entry.linkTarget } : {}),
  }));
}

describe("busybox", () => {
  before(() => prepareUserland());

  it("recognises the stand-in as busybox with standalone applets", () => {
    assert.deepEqual(classifyExecutable(busyboxStandIn()), { kind: "busybox", standalone: true });
  });

  it("--install -s /bin on the stand-in makes the same layer as a real docker build", async () => {
    assert.deepEqual(await installOn(busyboxStandIn()), fixture.installLayer);
  });

  it("the real Debian busybox-static binary behaves the same", {
    skip: !existsSync(HOST_BUSYBOX),
  }, async () => {
    const real = new Uint8Array(readFileSync(HOST_BUSYBOX));
    assert.deepEqual(classifyExecutable(real), { kind: "busybox", standalone: true });
    assert.deepEqual(await installOn(real), fixture.installLayer);
  });

  it("the offline image's install layer is the recorded one, entry for entry", () => {
    const image = busyboxImage();
    const entries = image.layers[1]!.entries.map(
      (entry) => `${entry.type} ${entry.path} ${entry.linkTarget}`,
    );
    const recorded = fixture.installLayer.map((entry) =>
      entry.type === "dir"
        ? `directory ${entry.path} `
        : `symlink ${entry.path} ${entry.linkTarget}`,
    );
    assert.deepEqual(entries, recorded);
    assert.equal(image.image.config.config?.cmd?.[0], "sh");
    assert.equal(image.image.config.rootfs.diffIds.length, 2);
    assert.equal(busyboxImage().image.id, image.image.id);
  });

  it("runs applets by link name, through `busybox APPLET`, and without links (standalone)", async () => {
    const world = new World();
    const { stdout } = await world.sh(
      "echo a | busybox tr a b; /bin/busybox basename /x/y; rm /bin/basename; basename /p/q",
    );
    assert.equal(stdout, "b\ny\nq\n");
    const list = await new World().sh("busybox --list | wc -l; busybox | head -1");
    assert.equal(
      list.stdout,
      `${BUSYBOX_APPLETS.length}\nBusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.\n`,
    );
  });

  it("refuses the applets drydock does not implement, clearly", async () => {
    const { stdout, stderr, status } = await new World().sh(
      "vi /etc/hosts; echo $?; busybox nosuchapplet",
    );
    assert.equal(stdout, "127\n");
    assert.equal(stderr, "vi: applet not implemented in drydock\nnosuchapplet: applet not found\n");
    assert.equal(status.exitCode, 127);
  });

  it("runs the `[[` applet as test closed by `]]` (a real container: 0, 1, 2 and the message)", async () => {
    const { stdout, stderr } = await new World().sh(
      'b="[["; $b -n x ]]; echo $?; $b 1 = 2 ]]; echo $?; $b 1 = 1; echo $?',
    );
    assert.equal(stdout, "0\n1\n2\n");
    assert.equal(stderr, "[[: missing ]]\n");
  });

  it("does not offer just-bash commands busybox lacks (jq, tree)", async () => {
    const { stderr } = await new World().sh("jq . </dev/null; tree /");
    assert.equal(stderr, "/bin/sh: jq: not found\n/bin/sh: tree: not found\n");
  });

  it("heads the shell's messages with the name it was started by, as ash's arg0", async () => {
    const world = new World();
    const status = await world.run(world.start(["sh", "-c", "nosuch; echo x > /no/f"]));
    assert.equal(status.exitCode, 1);
    assert.equal(
      world.text("stderr"),
      "sh: nosuch: not found\nsh: can't create /no/f: nonexistent directory\n",
    );
  });

  it("fails foreign binaries from the shell as ash does", async () => {
    const world = new World({
      layers: [
        [
          tarEntry({
            path: "x",
            type: "file",
            mode: 0o755,
            data: new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]),
          }),
        ],
      ],
    });
    const { stderr, status } = await world.sh("/x");
    assert.equal(stderr, "/bin/sh: /x: not found\n");
    assert.equal(status.exitCode, 127);
  });
});
