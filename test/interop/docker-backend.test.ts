/**
 * The docker backend of scenarios on real Docker: a two-host world on drydock's private dockerds
 * (trace from output, link proxies and docker events; a failing expectation; `inspect`; reuse
 * between runs, each starting clean). The `--hosts` mode is in docker-backend-hosts.test.ts.
 * Skips, with the reason, where the real side cannot run.
 */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { DockerBackend } from "../../src/real/docker-backend.ts";
import { findRealPrograms } from "../../src/real/real-programs.ts";
import { parseScenario } from "../../src/scenario/read-scenario.ts";
import { memoryScenarioSource } from "../../src/scenario/scenario-source.ts";
import { formatWalkthrough } from "../../src/scenario/walkthrough.ts";

const programs = findRealPrograms({ registries: true, baseImages: true });
const skip = typeof programs === "string" ? `the real side cannot run here: ${programs}` : false;

function scenario(text: string) {
  return parseScenario({ file: "t.yaml", source: memoryScenarioSource({}), text });
}

const twoHosts = scenario(`name: two-hosts
hosts: { dev: {}, prod: {} }
registries: { registry.local:5000: {} }
links:
  - { host: prod, registry: registry.local:5000, latency: 10ms, bandwidth: 100Mbit/s }
files:
  app/Dockerfile: "FROM busybox\\nRUN echo built > /built.txt\\nCMD [\\"cat\\", \\"/built.txt\\"]\\n"
steps:
  # A clean start: no image on either host, nothing in the registry.
  - on: prod
    run: docker images -q registry.local:5000/app
    expect: { stdout: "" }
  - on: dev
    run: docker pull registry.local:5000/app:1
    expect: { exit: 1, stderrContains: "manifest unknown" }
  - { on: dev, run: docker build -t registry.local:5000/app:1 app }
  - { on: dev, run: docker push registry.local:5000/app:1 }
  - { on: prod, run: docker pull registry.local:5000/app:1 }
  - on: prod
    run: docker run --rm registry.local:5000/app:1
    expect: { stdout: "wrong\\n" }
  - { on: prod, run: docker images -q registry.local:5000/app }
`);

describe("docker backend on drydock's own dockerds", { skip }, () => {
  const backend = new DockerBackend();
  after(() => backend.close());

  it("runs the steps with the real CLI and traces them in wall-clock time", async () => {
    const startMs = Date.now();
    const run = await backend.run(twoHosts, {
      inspect: async (docker, hosts) => ({
        hosts,
        images: new TextDecoder().decode(
          (await docker("prod", ["images", "--format", "{{.Repository}}:{{.Tag}}"])).stdout,
        ),
        // A failing command is a result, not a rejection.
        missing: await docker("dev", ["image", "inspect", "no-such-image"]),
      }),
    });
    const { result } = run;
    assert.equal(result.backend, "docker");
    const [noImages, noManifest, build, push, pull, runStep, images] = result.steps;
    assert.deepEqual([noImages?.passed, noManifest?.passed], [true, true]);
    for (const step of [build, push, pull, runStep]) assert.equal(step?.exitCode, 0, step?.stderr);
    assert.ok(
      result.steps.every((step) => step.endUs > step.startUs),
      "every step takes time",
    );
    assert.ok(Math.abs(result.startUs / 1_000 - startMs) < 60_000, "wall-clock microseconds");
    // The expectation on the run's output fails as a check; the run goes on.
    assert.equal(runStep?.stdout, "built\n");
    assert.deepEqual(
      runStep?.checks.map((check) => [check.what, check.passed]),
      [
        ["exit", true],
        ["stdout", false],
      ],
    );
    // The image the next run must not see.
    assert.match(images?.stdout ?? "", /^[0-9a-f]{12}\n$/);
    assert.equal(result.passed, false);
    const kinds = new Set(result.events.map((event) => event.kind));
    for (const kind of [
      "builder.cache.miss",
      "daemon.push.layer.upload",
      "daemon.pull.layer.download",
      "registry.manifest.put",
      "daemon.container.create",
      "runtime.container.exit",
    ])
      assert.ok(kinds.has(kind), `trace has ${kind}`);
    const commits = result.events.filter((event) => event.kind === "registry.blob.upload.commit");
    assert.ok(commits.length > 0 && commits.every((event) => Number(event.data?.sizeBytes) > 0));
    const text = formatWalkthrough(result);
    assert.match(text, /on real Docker/);
    assert.match(text, /\(real\)/);
    assert.deepEqual(run.inspected?.hosts, ["dev", "prod"]);
    assert.equal(run.inspected?.images, "registry.local:5000/app:1\n");
    assert.equal(run.inspected?.missing.exitCode, 1);
    assert.match(run.inspected?.missing.stderr ?? "", /No such image: no-such-image/);
  });

  it("reuses the world for the same spec, starting each run clean", async () => {
    const run = await backend.run(twoHosts);
    // No image on prod, no manifest in the registry, as in the first run on new dockerds.
    assert.deepEqual(
      run.result.steps.slice(0, 2).map((step) => [step.passed, step.stdout]),
      [
        [true, ""],
        [true, ""],
      ],
    );
    const count = (kind: string) => run.result.events.filter((e) => e.kind === kind).length;
    // Nothing of the first run is left: the build misses the cache (no images on dev), the push
    // uploads its layers (an empty registry), the pull downloads them (no images on prod).
    assert.equal(count("builder.cache.hit"), 0);
    assert.ok(count("builder.cache.miss") >= 2);
    assert.ok(count("daemon.push.layer.upload") >= 2);
    assert.equal(count("daemon.push.layer.exists"), 0);
    assert.ok(count("daemon.pull.layer.download") >= 2);
  });
});
