import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { parseSignal } from "../../../src/runtime/signals.ts";
import { prepareUserland } from "../../../src/runtime/userland.ts";
import { World } from "./runtime-harness.ts";

const SECOND = 1_000_000;

/** Calls `action` at `atUs` of simulated time. */
function at(world: World, atUs: number, action: () => void): void {
  world.loop.at(world.startUs + atUs, "test", action);
}

describe("signals, stop and pause", () => {
  before(() => prepareUserland());

  it("PID 1 ignores TERM it has no handler for; KILL ends it with 137 (docker stop -t 10)", async () => {
    const world = new World();
    const process = world.start(["sh", "-c", "sleep 100"]);
    at(world, SECOND, () => process.kill("SIGTERM"));
    at(world, 11 * SECOND, () => process.kill("KILL"));
    assert.deepEqual(await world.run(process), { exitCode: 137, signal: "KILL" });
    assert.equal(world.elapsedUs(), 11 * SECOND);
    const actions = world.trace.events
      .filter((event) => event.kind === "runtime.process.signal")
      .map((event) => event.data?.action);
    assert.deepEqual(actions, ["ignored", "kill"]);
  });

  it("a process exec'd into the container dies of TERM with 143; init's end kills the rest", async () => {
    const world = new World();
    const init = world.start(["sleep", "30"]);
    const exec = world.start(["sh", "-c", "sleep 100"], { isInit: false });
    const other = world.start(["sleep", "100"], { isInit: false });
    assert.deepEqual([init.pid, exec.pid, other.pid], [1, 2, 3]);
    at(world, 2 * SECOND, () => exec.kill(15));
    assert.deepEqual(await world.run(exec), { exitCode: 143, signal: "TERM" });
    assert.deepEqual(await world.run(other), { exitCode: 137, signal: "KILL" });
    assert.equal(world.elapsedUs(), 30 * SECOND);
  });

  it("runs a trap handler between commands; exit in it sets the exit code", async () => {
    const world = new World();
    const process = world.start([
      "sh",
      "-c",
      "trap 'echo got TERM; exit 3' TERM; while true; do sleep 1; done",
    ]);
    at(world, 2.5 * SECOND, () => process.kill("TERM"));
    assert.deepEqual(await world.run(process), { exitCode: 3 });
    assert.equal(world.text("stdout"), "got TERM\n");
    assert.equal(world.elapsedUs(), 3 * SECOND);
  });

  it("interrupts wait for a trapped signal, as sh does", async () => {
    const world = new World();
    const process = world.start([
      "sh",
      "-c",
      "trap 'echo bye; exit 0' TERM; sleep 100 & wait $!; echo not reached",
    ]);
    at(world, 5 * SECOND, () => process.kill("TERM"));
    assert.deepEqual(await world.run(process), { exitCode: 0 });
    assert.equal(world.text("stdout"), "bye\n");
    assert.equal(world.elapsedUs(), 5 * SECOND);
  });

  it("runs the EXIT trap when the shell ends", async () => {
    const world = new World();
    const { stdout, status } = await world.sh("trap 'echo cleanup' EXIT; echo work; exit 4");
    assert.equal(stdout, "work\ncleanup\n");
    assert.deepEqual(status, { exitCode: 4 });
  });

  it("kill from inside the container reaches another process of the namespace", async () => {
    const world = new World();
    world.start(["sleep", "50"]);
    const victim = world.start(["sleep", "50"], { isInit: false });
    const killer = world.start(["sh", "-c", `sleep 1; kill ${victim.pid}; kill -9 1; echo $?`], {
      isInit: false,
    });
    assert.deepEqual(await world.run(victim), { exitCode: 143, signal: "TERM" });
    assert.deepEqual(await world.run(killer), { exitCode: 137, signal: "KILL" });
    assert.equal(world.elapsedUs(), SECOND);
  });

  it("freezes a paused process in simulated time and lets it go on resume", async () => {
    const world = new World();
    const process = world.start(["sh", "-c", "for i in 1 2 3; do echo $i; sleep 1; done"]);
    at(world, 1.5 * SECOND, () => world.runtime.pause("c0ffee000001"));
    at(world, 5 * SECOND, () => world.runtime.resume("c0ffee000001"));
    await world.run(process);
    assert.deepEqual(
      world.writes.map((write) => [write.atUs / SECOND, write.text]),
      [
        [0, "1\n"],
        [1, "2\n"],
        [5, "3\n"],
      ],
    );
    assert.equal(world.elapsedUs(), 6 * SECOND);
  });

  it("charges CPU time to busy loops, so a runaway loop can be killed", async () => {
    const world = new World();
    const process = world.start(["sh", "-c", "while :; do :; done"]);
    at(world, SECOND / 10, () => process.kill("KILL"));
    assert.deepEqual(await world.run(process), { exitCode: 137, signal: "KILL" });
  });

  it("parses signals as docker does", () => {
    assert.deepEqual(parseSignal("sigterm"), { name: "TERM", number: 15 });
    assert.deepEqual(parseSignal(9), { name: "KILL", number: 9 });
    assert.throws(
      () => parseSignal("BOGUS"),
      /^Error: Invalid signal: BOGUS$|Invalid signal: BOGUS/,
    );
  });
});
