import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { prepareUserland } from "../../../src/runtime/userland.ts";
import { PROBE_LAYER } from "./probe-image.ts";
import { dir, file, World } from "./runtime-harness.ts";

const SECOND = 1_000_000;

describe("shell matrix on the offline busybox image", () => {
  before(() => prepareUserland());

  it("runs pipes and redirects into files of the container layer", async () => {
    const world = new World();
    const { status, stdout } = await world.sh(
      "mkdir -p /tmp/a && echo hello > /tmp/a/f && cat /tmp/a/f | tr a-z A-Z > /tmp/b; echo 1 2 3 | wc -w; cat /tmp/b",
    );
    assert.deepEqual(status, { exitCode: 0 });
    assert.equal(stdout, "3\nHELLO\n");
    assert.deepEqual(world.rootfs.overlay.changes(), [
      { kind: "A", path: "/tmp" },
      { kind: "A", path: "/tmp/a" },
      { kind: "A", path: "/tmp/a/f" },
      { kind: "A", path: "/tmp/b" },
    ]);
  });

  it("keeps writes to bind-mounted files and /dev out of the container layer", async () => {
    const world = new World();
    await world.sh("echo 10.0.0.9 db >> /etc/hosts; echo gone > /dev/null; cat /etc/hosts");
    assert.equal(world.text("stdout"), "127.0.0.1\tlocalhost\n10.0.0.9 db\n");
    assert.deepEqual(world.rootfs.overlay.changes(), []);
  });

  it("gives the process its environment, working directory and user", async () => {
    const world = new World({ layers: [PROBE_LAYER, [dir("home"), dir("home/app")]] });
    const { stdout } = await world.sh('env; pwd; id; whoami; echo "$HOME"', {
      env: ["PATH=/bin", "FOO=bar baz"],
      cwd: "/data",
      user: "app",
    });
    assert.equal(
      stdout,
      "PATH=/bin\nFOO=bar baz\nHOME=/home/app\nPWD=/data\n/data\n" +
        "uid=1000(app) gid=1000(app) groups=50(staff),1000(app)\napp\n/home/app\n",
    );
  });

  it("creates files owned by the process's user, with umask 022", async () => {
    const world = new World({ layers: [PROBE_LAYER, [dir("tmp", 0o1777)]] });
    await world.sh("echo x > /tmp/f; mkdir /tmp/d", { user: "1000:50" });
    const info = world.rootfs.view.stat("/tmp/f");
    assert.deepEqual([info.uid, info.gid, info.perm], [1000, 50, 0o644]);
    assert.equal(world.rootfs.view.stat("/tmp/d").perm, 0o755);
  });

  it("reports exit codes as sh does, its messages headed by its arg0 (/bin/sh here)", async () => {
    const cases: [string, number, string][] = [
      ["exit 3", 3, ""],
      ["exit 300", 44, ""],
      ["false", 1, ""],
      ["nosuch", 127, "/bin/sh: nosuch: not found\n"],
      ["/nope", 127, "/bin/sh: /nope: not found\n"],
      [
        "echo hi > /nonexistent/f",
        1,
        "/bin/sh: can't create /nonexistent/f: nonexistent directory\n",
      ],
    ];
    for (const [script, code, stderr] of cases) {
      const result = await new World().sh(script);
      assert.deepEqual([script, result.status.exitCode, result.stderr], [script, code, stderr]);
    }
  });

  it("sleeps in simulated time only: sleep 5 takes exactly 5 s of it and no real time", async () => {
    const world = new World();
    const wallStart = performance.now();
    const { stdout } = await world.sh("date +%s; sleep 5; date +%s; date");
    const [before, after] = stdout.split("\n").map(Number);
    assert.equal(after! - before!, 5);
    assert.equal(world.elapsedUs(), 5 * SECOND);
    assert.match(stdout, /\nThu Jan {2}1 00:00:05 UTC 2026\n$/);
    assert.ok(performance.now() - wallStart < 2000);
  });

  it("streams stdout and stderr apart, each write at its own instant", async () => {
    const world = new World();
    await world.sh(
      "echo a; sleep 1; echo b >&2; sleep 1.5; echo c; while true; do echo tick; sleep 1; [ -e /tmp/x ] && break; mkdir -p /tmp/x; done",
    );
    assert.deepEqual(
      world.writes.map((write) => [write.atUs, write.stream, write.text]),
      [
        [0, "stdout", "a\n"],
        [SECOND, "stderr", "b\n"],
        [2.5 * SECOND, "stdout", "c\n"],
        [2.5 * SECOND, "stdout", "tick\n"],
        [3.5 * SECOND, "stdout", "tick\n"],
      ],
    );
  });

  it("runs background jobs with their own PID, and wait for them", async () => {
    const world = new World();
    const { stdout } = await world.sh(
      'sleep 2 & echo "started $!"; wait; echo "done $? at $(date +%s)"',
    );
    assert.equal(stdout, "started 2\ndone 0 at 1767225602\n");
    assert.equal(world.elapsedUs(), 2 * SECOND);
  });

  it("runs exec-form commands: applets, scripts with #!, and the shell's PATH", async () => {
    const world = new World({ layers: [PROBE_LAYER] });
    await world.run(world.start(["/data/script", "a", "b"]));
    assert.equal(world.text("stdout"), "hi from sh script a b\n");
    const other = new World({ layers: [PROBE_LAYER] });
    await other.run(other.start(["ls", "/data/dir", "/etc/group"]));
    assert.equal(other.text("stdout"), "/etc/group\n\n/data/dir:\n");
  });

  it("runs a script found in PATH from the shell with all of its arguments", async () => {
    const args = Array.from({ length: 12 }, (_, index) => `a${index + 1}`);
    const world = new World({
      layers: [
        [
          dir("usr"),
          dir("usr/local"),
          dir("usr/local/bin"),
          file("usr/local/bin/count", '#!/bin/sh\necho "$#" "$1" "$12"\n', 0o755),
        ],
      ],
    });
    const { stdout } = await world.sh(`count ${args.join(" ")}`);
    assert.equal(stdout, "12 a1 a12\n");
  });

  it("prints simulated times in ls -l, and real modes and owners", async () => {
    const world = new World({ layers: [PROBE_LAYER] });
    const { stdout } = await world.sh(
      "sleep 60; touch /data/new; ls -l /data/plain /data/new /bin/sh",
    );
    assert.equal(
      stdout,
      "lrwxrwxrwx    1 root     root            12 Jan  1 00:00 /bin/sh -> /bin/busybox\n" +
        "-rw-r--r--    1 root     root             0 Jan  1 00:01 /data/new\n" +
        "-rw-r--r--    1 root     root             6 Jan  1  1970 /data/plain\n",
    );
  });

  it("keeps $RANDOM, $SECONDS and /dev/urandom seeded and virtual", async () => {
    const script =
      "echo $RANDOM $((RANDOM % 100)); sleep 3; echo $SECONDS; head -c 6 /dev/urandom | base64";
    const first = await new World({ seed: 9 }).sh(script);
    const second = await new World({ seed: 9 }).sh(script);
    const third = await new World({ seed: 10 }).sh(script);
    assert.equal(first.stdout, second.stdout);
    assert.notEqual(first.stdout, third.stdout);
    assert.match(first.stdout, /^[0-9]+ [0-9]+\n3\n[A-Za-z0-9+/]{8}\n$/);
  });
});
