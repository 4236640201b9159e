/**
 * The docker backend of scenarios on real Docker: a two-host world on drydock's private dockerds
 * (trace from output, link proxies and docker events; a failing expectation; reuse between runs),
 * and the `--hosts` mode on a dockerd the test starts itself (names rewritten, everything the run
 * added removed, even after failures; clear errors). Skips, with the reason, where the real side
 * cannot run.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { isDrydockError } from "../../src/errors/drydock-error.ts";
import { DockerBackend } from "../../src/real/docker-backend.ts";
import { type DockerdSet, startDockerdSet } from "../../src/real/dockerd-set.ts";
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
  - { on: dev, run: docker build -t registry.local:5000/app:1 app }
  - { on: dev, run: docker push registry.local:5000/app:1 }
  - { on: prod, run: docker pull registry.local:5000/app:1 }
  - on: prod
    run: docker run --rm registry.local:5000/app:1
    expect: { stdout: "wrong\\n" }
  - on: prod
    run: docker images -q app
    expect: { stdout: "" }
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
      }),
    });
    const { result } = run;
    assert.equal(result.backend, "docker");
    const [build, push, pull, runStep, images] = result.steps;
    for (const step of [build, push, pull, runStep]) assert.equal(step?.exitCode, 0, step?.stderr);
    assert.ok(result.steps.every((step) => step.endUs > step.startUs));
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
    assert.equal(images?.passed, true);
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
  });

  it("reuses the world for the same spec, starting each run clean", async () => {
    const run = await backend.run(twoHosts);
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

describe("docker backend on dockerds named with --hosts", { skip }, () => {
  let set: DockerdSet<"dev", "reg"> | undefined;
  // Listings as sorted sets: dockerd's order among images created in the same second varies.
  const docker = (args: string[]) =>
    set!.hosts.dev.docker(args).then((r) => r.stdout.toString().split("\n").filter(Boolean).sort());
  const holdings = async () =>
    Promise.all([
      docker(["images", "-aq", "--no-trunc"]),
      docker(["ps", "-aq", "--no-trunc"]),
      docker(["volume", "ls", "-q"]),
      docker(["network", "ls", "-q"]),
    ]);

  before(async () => {
    const started = await startDockerdSet({
      hosts: ["dev"],
      registries: ["reg"],
      baseImages: true,
    });
    if (started.unavailable !== undefined) throw new Error(started.unavailable);
    set = started;
  });
  after(() => set?.stop());

  it("rewrites registry names both ways and leaves the daemon as it found it, failures included", async () => {
    const before = await holdings();
    const backend = new DockerBackend({
      hosts: { dev: set!.hosts.dev.host },
      registries: { "registry.local:5000": set!.registries.reg.address },
    });
    const run = await backend.run(
      scenario(`name: endpoints
hosts: { dev: {} }
registries: { registry.local:5000: {} }
files:
  app/Dockerfile: "FROM busybox\\nRUN echo hi > /hi\\n"
  bad/Dockerfile: "FROM busybox\\nRUN exit 3\\n"
steps:
  - { on: dev, run: docker build -t registry.local:5000/app:1 app }
  - on: dev
    run: docker push registry.local:5000/app:1
    expect: { stdoutContains: "The push refers to repository [registry.local:5000/app]" }
  - { on: dev, run: docker volume create kept-by-nobody }
  - { on: dev, run: docker create --name leftover registry.local:5000/app:1 }
  - on: dev
    run: docker build -t broken bad
    expect: { exit: 3 }
`),
    );
    assert.equal(run.result.passed, true, formatWalkthrough(run.result));
    assert.deepEqual(await holdings(), before);
  });

  it("says clearly when an endpoint cannot be reached or a host has none", async () => {
    const lonely = scenario("name: x\nhosts: { dev: {} }\nsteps:\n  - run: docker ps\n");
    await assert.rejects(
      new DockerBackend({ hosts: { dev: "unix:///nonexistent.sock" } }).run(lonely),
      (error) =>
        isDrydockError(error) &&
        error.code === "Unavailable" &&
        /host dev: cannot reach the dockerd at unix:\/\/\/nonexistent\.sock/.test(error.message),
    );
    await assert.rejects(
      new DockerBackend({ hosts: { prod: set!.hosts.dev.host } }).run(lonely),
      (error) =>
        isDrydockError(error) && error.code === "InvalidArgument" && /host dev/.test(error.message),
    );
  });
});
