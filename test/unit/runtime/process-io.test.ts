import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { Bash, parse, serialize } from "just-bash";
import { transformScript } from "../../../src/runtime/shell-transform.ts";
import { bundledCommand, prepareUserland } from "../../../src/runtime/userland.ts";
import { PROBE_LAYER } from "./probe-image.ts";
import { World } from "./runtime-harness.ts";

const SECOND = 1_000_000;
const bytes = (text: string) => new TextEncoder().encode(text);

describe("process input and output", () => {
  before(() => prepareUserland());

  it("an interactive sh runs each command as its line arrives, keeping variables and cwd", async () => {
    const world = new World();
    const process = world.start(["sh"], { openStdin: true });
    world.loop.at(world.startUs + SECOND, "in", () => process.writeStdin(bytes("x=42; cd /etc\n")));
    world.loop.at(world.startUs + 2 * SECOND, "in", () =>
      process.writeStdin(bytes('echo "$x $PWD"\nif true; then\n')),
    );
    world.loop.at(world.startUs + 3 * SECOND, "in", () =>
      process.writeStdin(bytes("echo inside; fi\nexit 5\necho never\n")),
    );
    assert.deepEqual(await world.run(process), { exitCode: 5 });
    assert.deepEqual(
      world.writes.map((write) => [write.atUs / SECOND, write.text]),
      [
        [2, "42 /etc\n"],
        [3, "inside\n"],
      ],
    );
  });

  it("gives a TTY's prompt and CRLF line ends, stderr merged into stdout", async () => {
    const world = new World();
    const process = world.start(["sh"], { openStdin: true, tty: true });
    process.writeStdin(bytes("echo out; echo err >&2\n"));
    process.closeStdin();
    await world.run(process);
    assert.deepEqual(
      world.writes.map((write) => [write.stream, write.text]),
      [
        ["stdout", "/ # "],
        ["stdout", "out\r\n"],
        ["stdout", "err\r\n"],
        ["stdout", "/ # "],
      ],
    );
  });

  it("a non-shell process with stdin open reads it to EOF", async () => {
    const world = new World();
    const process = world.start(["tr", "a-z", "A-Z"], { openStdin: true });
    process.writeStdin(bytes("hello\n"));
    world.loop.at(world.startUs + SECOND, "eof", () => process.closeStdin());
    assert.deepEqual(await world.run(process), { exitCode: 0 });
    assert.deepEqual(world.writes, [{ atUs: SECOND, stream: "stdout", text: "HELLO\n" }]);
  });

  it("without -i, stdin is empty: sh exits at once", async () => {
    const world = new World();
    assert.deepEqual(await world.run(world.start(["sh"])), { exitCode: 0 });
    assert.equal(world.elapsedUs(), 0);
  });

  it("chown and chgrp use the container's names", async () => {
    const world = new World({ layers: [PROBE_LAYER] });
    const { stdout } = await world.sh(
      "chown -R app:staff /data/dir; chgrp root /data/plain; stat -c '%U:%G %n' /data/dir /data/plain; chown nobody /data/plain",
    );
    assert.equal(stdout, "app:staff /data/dir\nroot:root /data/plain\n");
    assert.equal(world.text("stderr"), "chown: unknown user nobody\n");
  });

  it("ps lists the namespace, init first", async () => {
    const world = new World();
    world.start(["sleep", "10"]);
    const ps = world.start(["ps"], { isInit: false });
    await world.run(ps);
    assert.equal(
      world.text("stdout"),
      "PID   USER     COMMAND\n    1 0        sleep 10\n    2 0        ps\n    3 0        ps\n",
    );
  });

  it("rewrites background jobs, wait, trap, $! and $RANDOM, and ticks loops", () => {
    const script = serialize(
      transformScript(parse("sleep 1 & wait $!; kill 0; echo $RANDOM; while :; do :; done")),
    );
    assert.equal(
      script,
      "/usr/bin/__drydock_bg 'sleep 1'\n/usr/bin/__drydock_wait $__DRYDOCK_BG_PID\n/usr/bin/__drydock_kill 0\n" +
        "echo $(/usr/bin/__drydock_random)\nwhile :; do\n/usr/bin/__drydock_tick\n:\ndone",
    );
  });

  it("checks for pending traps after each top-level statement of a script that sets one", () => {
    const script = serialize(transformScript(parse("trap 'x' TERM; sleep 5; echo done")));
    assert.equal(
      script,
      "/usr/bin/__drydock_trap 'x' TERM\n/usr/bin/__drydock_traps\nsleep 5\n/usr/bin/__drydock_traps\n" +
        "echo done\n/usr/bin/__drydock_traps",
    );
  });

  it("finds just-bash's own commands behind drydock's overrides", () => {
    const bash = new Bash({
      customCommands: [
        { name: "ls", execute: async () => ({ stdout: "", stderr: "", exitCode: 0 }) },
      ],
    });
    assert.equal(bundledCommand(bash, "ls")?.name, "ls");
    assert.equal(bundledCommand(bash, "nosuch"), undefined);
  });
});
