/**
 * Faults on the docker backend's private world: a registry restart during a push over a slow
 * link makes the real dockerd print "Retrying in" and the push still succeed, with the fault in
 * the trace. The run before it, on the same world spec, shows the world is reused (the second
 * run starts sooner) and reset (no image, no registry blob of the first run is left). Skips, with
 * the reason, where the real side cannot run.
 */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { DockerBackend } from "../../src/real/docker-backend.ts";
import { findRealPrograms } from "../../src/real/real-programs.ts";
import { parseScenario } from "../../src/scenario/read-scenario.ts";
import type { ScenarioResult } from "../../src/scenario/scenario-result.ts";
import { memoryScenarioSource } from "../../src/scenario/scenario-source.ts";
import { formatWalkthrough } from "../../src/scenario/walkthrough.ts";

const programs = findRealPrograms({ registries: true, baseImages: true });
const skip = typeof programs === "string" ? `the real side cannot run here: ${programs}` : false;

/** One world spec for both runs: a host behind a 10 Mbit/s link to its registry. */
const WORLD = `hosts: { dev: { images: [busybox] } }
registries: { registry.local:5000: {} }
links:
  - { host: dev, registry: registry.local:5000, latency: 5ms, bandwidth: 10Mbit/s }
files:
  app/Dockerfile: "FROM busybox\\nCOPY big.bin /big.bin\\n"
  app/big.bin: { random: 3MB }
`;

function scenario(text: string) {
  return parseScenario({ file: "t.yaml", source: memoryScenarioSource({}), text });
}

const plain = scenario(`name: plain-push
${WORLD}steps:
  - { on: dev, run: docker build -t registry.local:5000/app:1 app }
  - { on: dev, run: docker push registry.local:5000/app:1 }
`);

/** 3 MB at 10 Mbit/s take 2.4 s: the registry goes down 0.3 s into the push, for 2 s. */
const outage = scenario(`name: outage-during-push
${WORLD}steps:
  - on: dev
    run: docker images -q registry.local:5000/app
    expect: { stdout: "" }
  - { on: dev, run: docker build -t registry.local:5000/app:1 app }
  - on: dev
    run: docker push registry.local:5000/app:1
    faults:
      - { after: 300ms, kind: registry-restart, registry: registry.local:5000, down: 2s }
    expect: { exit: 0, stdoutContains: "Retrying in" }
`);

/** Events of `kind` during the step at `index` in `steps` (from 0). */
function eventsOf(result: ScenarioResult, index: number, kind: string) {
  const step = result.steps.find((s) => s.index === index);
  assert.ok(step !== undefined, `step ${index} ran`);
  return result.events.slice(step.firstSeq, step.endSeq).filter((event) => event.kind === kind);
}

describe("docker backend: faults, and a world reused between runs", { skip }, () => {
  const backend = new DockerBackend();
  after(() => backend.close());
  /** From the call to `run` to its first step: starting the world, or resetting it. */
  const startDelaysMs: number[] = [];

  async function timedRun(which: typeof plain) {
    const calledMs = Date.now();
    const run = await backend.run(which);
    startDelaysMs.push(run.result.startUs / 1_000 - calledMs);
    return run.result;
  }

  it("pushes over the slow link", async () => {
    const result = await timedRun(plain);
    assert.equal(result.passed, true, formatWalkthrough(result));
    assert.ok(eventsOf(result, 1, "daemon.push.layer.upload").length >= 2);
  });

  it("retries a push through a registry restart, starting clean on the reused world", async () => {
    const result = await timedRun(outage);
    const text = formatWalkthrough(result);
    assert.equal(result.passed, true, text);
    // Reused: no dockerd or registry to start this time (the reset came at the end of the last run).
    const [first = 0, second = 0] = startDelaysMs;
    assert.ok(second < first / 2, `second run started in ${second} ms, first in ${first} ms`);
    // Reset: the push finds nothing of the first run's in the registry and uploads it all again.
    assert.equal(eventsOf(result, 2, "daemon.push.layer.exists").length, 0, text);
    assert.ok(eventsOf(result, 2, "daemon.push.layer.upload").length >= 2, text);
    const [fault, ...more] = eventsOf(result, 2, "world.fault");
    assert.equal(more.length, 0);
    assert.deepEqual(fault?.data, {
      kind: "registry-restart",
      registry: "registry.local:5000",
      downMs: 2000,
    });
    assert.ok(eventsOf(result, 2, "daemon.push.layer.retry").length >= 1, text);
    assert.equal(eventsOf(result, 2, "world.fault.error").length, 0);
    // The fault came about 0.3 s into the push, as the step said.
    const push = result.steps[2]!;
    const afterMs = ((fault?.tUs ?? 0) - push.startUs) / 1_000;
    assert.ok(afterMs >= 290 && afterMs < 1_500, `fault ${afterMs} ms into the push`);
    // dockerd waits 5 s before its first retry: the push took at least that long.
    assert.ok(push.endUs - push.startUs > 5_000_000);
  });
});
