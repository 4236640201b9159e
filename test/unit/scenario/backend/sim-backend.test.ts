import assert from "node:assert/strict";
import { test } from "node:test";
import { SimBackend } from "../../../../src/scenario/backend/sim-backend.ts";
import { parseScenario } from "../../../../src/scenario/read-scenario.ts";
import { memoryScenarioSource } from "../../../../src/scenario/scenario-source.ts";
import { backendNamed, scenarioBackends } from "../../../../src/wiring/scenario-backends.ts";

const scenario = parseScenario({
  file: "t.yaml",
  source: memoryScenarioSource({}),
  text: `name: t\nhosts: { dev: { images: [busybox] } }\nfiles:\n  app/Dockerfile: "FROM busybox\\nRUN echo built > /built.txt\\n"\nsteps:\n  - run: docker build -q -t app:1 app\n`,
});

test("the simulator backend inspects the world after the last step, outside the trace", async () => {
  const backend = new SimBackend();
  const plain = await backend.run(scenario);
  const run = await backend.run(scenario, {
    inspect: async (docker, hosts) => {
      const images = await docker(hosts[0]!, [
        "image",
        "ls",
        "--format",
        "{{.Repository}}:{{.Tag}}",
      ]);
      const created = await docker("dev", ["create", "app:1"]);
      const id = new TextDecoder().decode(created.stdout).trim();
      const exported = await docker("dev", ["export", id]);
      const missing = await docker("dev", ["image", "inspect", "nope"]);
      return { hosts, images: new TextDecoder().decode(images.stdout), exported, missing };
    },
  });
  assert.equal(run.result.passed, true);
  assert.deepEqual(run.inspected?.hosts, ["dev"]);
  assert.equal(run.inspected?.images, "app:1\nbusybox:latest\n");
  // docker export writes a tar: bytes kept as they are (a ustar header at 257).
  const magic = new TextDecoder().decode(run.inspected?.exported.stdout.slice(257, 262));
  assert.equal(magic, "ustar");
  assert.equal(run.inspected?.missing.exitCode, 1);
  assert.match(run.inspected?.missing.stderr ?? "", /No such image: nope/);
  // The inspection's own events are not part of the scenario's trace.
  assert.deepEqual(run.result.events, plain.result.events);
});

test("the composition root binds both backends by name, one instance each", () => {
  const container = scenarioBackends();
  const sim = backendNamed(container, "sim");
  assert.equal(sim.name, "sim");
  assert.equal(backendNamed(container, "sim"), sim);
  assert.equal(backendNamed(container, "docker").name, "docker");
});
