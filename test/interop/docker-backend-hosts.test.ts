/**
 * The docker backend's `--hosts` mode on a dockerd the test starts itself, as a user's daemon:
 * registry names rewritten to the real address and back, everything the run added removed and
 * every tag it moved put back (passing runs, failing steps, aborted runs), clear errors for an
 * endpoint that does not answer and a host with none. Skips, with the reason, where the real side
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

const FILES = `files:
  app/Dockerfile: "FROM busybox\\nRUN echo hi > /hi\\nCMD [\\"cat\\", \\"/hi\\"]\\n"
  bad/Dockerfile: "FROM busybox\\nRUN exit 3\\n"
`;

/** Passes, though steps fail as expected; adds something of every kind and moves a kept tag. */
const busy = scenario(`name: endpoints
hosts: { dev: {} }
registries: { registry.local:5000: {} }
${FILES}steps:
  - { on: dev, run: docker build -t registry.local:5000/app:1 app }
  - on: dev
    run: docker push registry.local:5000/app:1
    expect: { stdoutContains: "The push refers to repository [registry.local:5000/app]" }
  - { on: dev, run: docker rmi registry.local:5000/app:1 }
  - on: dev
    run: docker pull registry.local:5000/app:1
    expect: { stdoutContains: "Downloaded newer image for registry.local:5000/app:1" }
  - on: dev
    run: docker images --format "{{.Repository}}:{{.Tag}}" registry.local:5000/app
    expect: { stdout: "registry.local:5000/app:1\\n" }
  - { on: dev, run: docker tag busybox registry.local:5000/base:1 }
  - { on: dev, run: docker push registry.local:5000/base:1 }
  - { on: dev, run: docker volume create kept-by-nobody }
  - { on: dev, run: docker network create net-by-nobody }
  - { on: dev, run: docker create --name leftover -v /data registry.local:5000/app:1 }
  - { on: dev, run: docker run -d --name running busybox sleep 300 }
  - { on: dev, run: docker tag registry.local:5000/app:1 busybox:latest }
  - on: dev
    run: docker build -t broken bad
    expect: { exit: 3 }
`);

/** Fails a check half-way and then aborts (a sleep longer than the real side waits). */
const failing = scenario(`name: endpoints-failing
hosts: { dev: {} }
registries: { registry.local:5000: {} }
${FILES}steps:
  - { on: dev, run: docker build -t registry.local:5000/app:1 app }
  - { on: dev, run: docker create --name leftover registry.local:5000/app:1 }
  - { on: dev, run: docker build -t broken bad }
  - sleep: 11m
  - { on: dev, run: docker volume create never-made }
`);

describe("docker backend on dockerds named with --hosts", { skip }, () => {
  let set: DockerdSet<"dev", "reg"> | undefined;
  let backend: DockerBackend | undefined;
  // Listings as sorted sets: dockerd's order among images created in the same second varies.
  const docker = (args: string[]) =>
    set!.hosts.dev.docker(args).then((r) => r.stdout.toString().split("\n").filter(Boolean).sort());
  const holdings = async () => ({
    images: await docker(["images", "-aq", "--no-trunc"]),
    tags: await docker([
      "images",
      "--digests",
      "--no-trunc",
      "--format",
      "{{.Repository}}:{{.Tag}}@{{.Digest}} {{.ID}}",
    ]),
    containers: await docker(["ps", "-aq", "--no-trunc"]),
    volumes: await docker(["volume", "ls", "-q"]),
    networks: await docker(["network", "ls", "-q", "--no-trunc"]),
  });

  before(async () => {
    const started = await startDockerdSet({
      hosts: ["dev"],
      registries: ["reg"],
      baseImages: true,
    });
    if (started.unavailable !== undefined) throw new Error(started.unavailable);
    set = started;
    backend = new DockerBackend({
      hosts: { dev: set.hosts.dev.host },
      registries: { "registry.local:5000": set.registries.reg.address },
    });
  });
  after(async () => {
    await backend?.close();
    await set?.stop();
  });

  it("rewrites registry names both ways and leaves the daemon as it found it", async () => {
    const before = await holdings();
    assert.ok(
      before.tags.some((row) => row.startsWith("busybox:latest@")),
      "busybox is there",
    );
    const run = await backend!.run(busy);
    assert.equal(run.result.passed, true, formatWalkthrough(run.result));
    const printed = run.result.steps.map((step) => step.stdout + step.stderr).join("");
    assert.ok(!printed.includes(set!.registries.reg.address), "no real address shows");
    assert.deepEqual(await holdings(), before);
  });

  it("cleans up after failing checks and an aborted run too", async () => {
    const before = await holdings();
    const { result } = await backend!.run(failing);
    assert.equal(result.passed, false);
    assert.equal(result.abortedAt, failing.steps[3]?.index);
    assert.deepEqual(
      result.steps.map((step) => step.passed),
      [true, true, false, false],
    );
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
