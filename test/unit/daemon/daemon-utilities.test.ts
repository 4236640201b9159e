import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { commandText } from "../../../src/daemon/container-inspect.ts";
import { createdState, statusText } from "../../../src/daemon/container-state.ts";
import { DaemonRngs } from "../../../src/daemon/daemon-rngs.ts";
import { globMatch } from "../../../src/daemon/glob-match.ts";
import { humanDuration } from "../../../src/daemon/human-duration.ts";
import { randomContainerName } from "../../../src/daemon/names-generator.ts";
import { parseSignal } from "../../../src/daemon/signals.ts";
import { parseTimestamp } from "../../../src/daemon/timestamp.ts";
import { SeededRng } from "../../../src/random/rng.ts";

const S = 1_000_000;

describe("daemon utilities", () => {
  it("words durations as go-units' HumanDuration", () => {
    const cases: [number, string][] = [
      [0.5 * S, "Less than a second"],
      [1 * S, "1 second"],
      [59.9 * S, "59 seconds"],
      [60 * S, "About a minute"],
      [119 * S, "About a minute"],
      [120 * S, "2 minutes"],
      [59 * 60 * S, "59 minutes"],
      [89 * 60 * S, "About an hour"],
      [90 * 60 * S, "2 hours"],
      [47 * 3600 * S, "47 hours"],
      [48 * 3600 * S, "2 days"],
      [14 * 24 * 3600 * S, "2 weeks"],
      [60 * 24 * 3600 * S, "2 months"],
      [800 * 24 * 3600 * S, "2 years"],
    ];
    for (const [us, text] of cases) assert.equal(humanDuration(us), text, `${us}`);
  });

  it("words docker ps statuses", () => {
    const state = createdState();
    assert.equal(statusText(state, 0), "Created");
    Object.assign(state, { running: true, startedAtUs: 0 });
    assert.equal(statusText(state, 125 * S), "Up 2 minutes");
    state.paused = true;
    assert.equal(statusText(state, 3 * S), "Up 3 seconds (Paused)");
    Object.assign(state, { running: false, paused: false, exitCode: 0, finishedAtUs: 10 * S });
    assert.equal(statusText(state, 15 * S), "Exited (0) 5 seconds ago");
    state.dead = true;
    assert.equal(statusText(state, 15 * S), "Dead");
  });

  it("parses signals as dockerd does", () => {
    assert.deepEqual(
      ["KILL", "sigterm", "SIGHUP", "15", "RTMIN+3", "WINCH"].map(parseSignal),
      [9, 15, 1, 15, 37, 28],
    );
    assert.throws(() => parseSignal("FOO"), /^DrydockError: Invalid signal: FOO$/);
    assert.throws(() => parseSignal("0"), /Invalid signal: 0/);
  });

  it("resumes the daemon's random streams exactly where they stopped", () => {
    const first = new DaemonRngs({ root: SeededRng.fromSeed(9) });
    first.get("container-ids").hex(64);
    const saved = JSON.parse(JSON.stringify(first.positions()));
    const resumed = new DaemonRngs({ root: SeededRng.fromSeed(9), positions: saved });
    assert.equal(resumed.get("container-ids").hex(64), first.get("container-ids").hex(64));
    assert.equal(resumed.get("pids").hex(8), first.get("pids").hex(8));
  });

  it("reads --since and --until values as the docker CLI does", () => {
    const now = 1_767_225_600 * S;
    assert.equal(parseTimestamp("1767225601.5", now), now + 1.5 * S);
    assert.equal(parseTimestamp("10m", now), now - 600 * S);
    assert.equal(parseTimestamp("2026-01-01T00:00:02Z", now), now + 2 * S);
    assert.equal(parseTimestamp("2026-01-01", now), now);
    assert.throws(
      () => parseTimestamp("soon", now),
      /failed to parse value as time or duration: "soon"/,
    );
  });

  it("matches references like Go's path.Match", () => {
    assert.ok(globMatch("bus*", "busybox"));
    assert.ok(!globMatch("bus*", "library/busybox"));
    assert.ok(globMatch("*/app:?", "user/app:1"));
    assert.ok(globMatch("[a-c]pp", "app"));
    assert.ok(!globMatch("[", "["));
  });

  it("names containers adjective_surname and quotes arguments with spaces", () => {
    const rng = SeededRng.fromSeed(1);
    assert.match(randomContainerName(rng, 0), /^[a-z]+_[a-z]+$/);
    assert.match(randomContainerName(rng, 1), /^[a-z]+_[a-z]+\d$/);
    assert.equal(commandText(["sh", "-c", "echo hi; exit 3"]), "sh -c 'echo hi; exit 3'");
  });
});
