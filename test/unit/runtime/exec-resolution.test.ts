import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { LayerTree } from "../../../src/fs/layer-tree.ts";
import { classifyExecutable, simProgramBinary } from "../../../src/runtime/binary-format.ts";
import { planLaunch } from "../../../src/runtime/launch-plan.ts";
import { busyboxStandIn } from "../../../src/runtime/offline-images.ts";
import { RuntimeStartError } from "../../../src/runtime/runtime-start-error.ts";
import { resolveUser } from "../../../src/runtime/user-spec.ts";
import { arm64Elf, dynamicElf } from "./probe-image.ts";

const text = (value: string) => new TextEncoder().encode(value);

function tree(): LayerTree {
  const at = { nowUs: 0 };
  const fs = new LayerTree(at);
  fs.mkdirp("/bin", at);
  fs.mkdirp("/etc", at);
  fs.writeFile("/bin/busybox", busyboxStandIn(), { ...at, mode: 0o755 });
  fs.symlink("busybox", "/bin/sh", at);
  fs.symlink("/bin/busybox", "/bin/ls", at);
  fs.writeFile("/bin/tool", simProgramBinary("tool"), { ...at, mode: 0o755 });
  fs.writeFile("/run.sh", text("#!/bin/sh -e\necho $0\n"), { ...at, mode: 0o755 });
  fs.writeFile("/env.sh", text("#!/usr/bin/env sh\necho hi\n"), { ...at, mode: 0o755 });
  fs.writeFile(
    "/etc/passwd",
    text("root:x:0:0:root:/root:/bin/sh\nweb:x:33:33::/var/www:/bin/false\n"),
    at,
  );
  fs.writeFile("/etc/group", text("root:x:0:\nweb:x:33:\nlog:x:4:web\n"), at);
  return fs;
}

const launch = (argv: string[], path = "/bin") =>
  planLaunch({ fs: tree(), argv, cwd: "/", path, phase: "create" });

describe("executable formats", () => {
  it("recognises scripts, busybox, simulated programs and foreign ELF files", () => {
    assert.deepEqual(classifyExecutable(text("#! /bin/sh -e \necho")), {
      kind: "script",
      interpreter: "/bin/sh",
      argument: "-e",
    });
    assert.deepEqual(classifyExecutable(simProgramBinary("apk")), { kind: "program", name: "apk" });
    assert.deepEqual(classifyExecutable(dynamicElf("/lib/ld.so")), {
      kind: "elf",
      machine: 62,
      interpreter: "/lib/ld.so",
    });
    assert.deepEqual(classifyExecutable(arm64Elf()), { kind: "elf", machine: 183 });
    assert.deepEqual(classifyExecutable(text("echo hi")), { kind: "unknown" });
  });
});

describe("launch plans", () => {
  it("runs sh -c at the top level, with $0 and the positional parameters", () => {
    const plan = launch(["/bin/sh", "-c", "echo $0 $1", "name", "one"]);
    assert.equal(plan.kind, "shell");
    assert.ok(
      plan.kind === "shell" &&
        plan.script === "echo $0 $1" &&
        plan.positional["0"] === "name" &&
        plan.positional["1"] === "one",
    );
  });

  it("runs a #!/bin/sh script as shell text, with the #! argument as set flags", () => {
    const plan = launch(["/run.sh", "x"]);
    assert.ok(plan.kind === "shell");
    assert.equal(plan.kind === "shell" && plan.script, "set -e\n#!/bin/sh -e\necho $0\n");
    assert.equal(plan.kind === "shell" && plan.positional["0"], "/run.sh");
  });

  it("follows #!/usr/bin/env through the PATH", () => {
    const plan = launch(["/env.sh"]);
    assert.equal(plan.kind, "shell");
  });

  it("executes applets and programs found in PATH", () => {
    assert.deepEqual(launch(["ls", "-l"]), {
      kind: "exec",
      path: "/bin/ls",
      argv: ["ls", "-l"],
      exe: "/bin/ls",
      busybox: true,
      standalone: true,
    });
    assert.equal(launch(["tool"]).kind, "exec");
  });

  it("throws Docker's errors before the start", () => {
    assert.throws(
      () => launch(["nope"]),
      (error) => error instanceof RuntimeStartError && error.exitCode === 127,
    );
    assert.throws(() => launch(["ls"], ""), /executable file not found in \$PATH/);
    assert.throws(() => launch(["/etc"]), /exec: "\/etc": permission denied/);
    assert.throws(() => launch(["/etc/passwd/x"]), /stat \/etc\/passwd\/x: not a directory/);
  });
});

describe("--user resolution", () => {
  it("follows libcontainer: names from passwd, supplementary groups only without an explicit group", () => {
    const fs = tree();
    assert.deepEqual(resolveUser(fs, "web", "create"), {
      uid: 33,
      gid: 33,
      groups: [4, 33],
      userName: "web",
      home: "/var/www",
    });
    assert.deepEqual(resolveUser(fs, "web:root", "create"), {
      uid: 33,
      gid: 0,
      groups: [0],
      userName: "web",
      home: "/var/www",
    });
    assert.deepEqual(resolveUser(fs, "4242", "create"), {
      uid: 4242,
      gid: 0,
      groups: [0],
      home: "/",
    });
    assert.deepEqual(resolveUser(fs, "", "create").home, "/root");
    assert.throws(
      () => resolveUser(fs, "nobody", "create"),
      /^RuntimeStartError: unable to find user nobody: no matching entries in passwd file$|unable to find user nobody/,
    );
    assert.throws(
      () => resolveUser(fs, "0:nogroup", "exec"),
      /unable to find group nogroup: no matching entries in group file/,
    );
    assert.throws(
      () => resolveUser(fs, "99999999999", "create"),
      /uids and gids must be in range 0-2147483647/,
    );
  });
});
