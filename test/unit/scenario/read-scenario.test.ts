import assert from "node:assert/strict";
import { test } from "node:test";
import { parseScenario, readScenario } from "../../../src/scenario/read-scenario.ts";
import { DEFAULT_STEP_EVENT_COUNT_MAX } from "../../../src/scenario/scenario.ts";
import { ScenarioError } from "../../../src/scenario/scenario-error.ts";
import { memoryScenarioSource } from "../../../src/scenario/scenario-source.ts";

const source = memoryScenarioSource({
  "demo/scenario.yaml": "",
  "demo/app/Dockerfile": "FROM busybox\n",
  "demo/app/src/main.sh": "echo hi\n",
});

function parse(text: string) {
  return parseScenario({ file: "demo/scenario.yaml", text, source });
}

/** The error a document fails with: its message must name the file and the path. */
function failure(text: string): string {
  try {
    parse(text);
  } catch (error) {
    assert.ok(error instanceof ScenarioError, String(error));
    assert.equal(error.code, "InvalidArgument");
    return error.message;
  }
  assert.fail("the document was accepted");
}

const MINIMAL = "name: m\nhosts: { dev: {} }\nsteps:\n  - run: docker ps\n";

test("a full document becomes a world spec, files per host and steps", () => {
  const scenario = parse(`
name: full
description: |
  Two lines
  of text.
seed: 7
hosts:
  dev: { images: [busybox], uplink: 100Mbit/s, files: { own.txt: mine } }
  prod: { clientLink: { latency: 1ms, bandwidth: 1Gbit/s } }
registries:
  "registry.local:5000": {}
defaultLink: { latency: 2ms, bandwidth: 500Mbit/s }
links:
  - { host: prod, registry: "registry.local:5000", latency: 20ms, bandwidth: 10MB/s }
faults:
  - { at: 1.5s, kind: registry-down, registry: "registry.local:5000" }
  - { at: 2s, kind: link-slow, host: prod, registry: "registry.local:5000", bandwidth: 1Mbit/s }
files:
  app: { dir: app }
  blob.bin: { random: 1kB }
  run.sh: { content: "echo\\n", mode: 0o755 }
steps:
  - on: dev
    note: build it
    run: docker build -t "registry.local:5000/app:1" app
    expect: { exit: 0, cache: { hits: 1, misses: 2 }, stdoutContains: [a, b], files: { out.txt: { exists: false } } }
  - { on: prod, write: { app/src/main.sh: "echo v2\\n" } }
  - sleep: 250ms
  - on: prod
    run: docker push x
    faults: [{ after: 100ms, kind: registry-restart, registry: "registry.local:5000", down: 1s }]
    expect: { exit: any, duration: { max: 3s } }
`);
  assert.equal(scenario.seed, 7);
  assert.equal(scenario.description, "Two lines\nof text.");
  assert.deepEqual(scenario.world.hosts, [
    { name: "dev", baseImages: ["busybox"], uplinkMbps: 100 },
    { name: "prod", clientLink: { latencyMs: 1, bandwidthMbps: 1_000 } },
  ]);
  assert.deepEqual(
    scenario.world.registries?.map((r) => [r.name, r.images]),
    [
      ["docker.io", ["busybox", "alpine"]],
      ["registry.local:5000", []],
    ],
  );
  assert.deepEqual(scenario.world.defaultLink, { latencyMs: 2, bandwidthMbps: 500 });
  assert.deepEqual(scenario.world.links, [
    { host: "prod", registry: "registry.local:5000", latencyMs: 20, bandwidthMbps: 80 },
  ]);
  assert.deepEqual(scenario.world.faults, [
    { atMs: 1_500, kind: "registry-down", registry: "registry.local:5000" },
    {
      atMs: 2_000,
      kind: "link-slow",
      host: "prod",
      registry: "registry.local:5000",
      bandwidthMbps: 1,
    },
  ]);
  assert.deepEqual(
    scenario.files.dev?.map((f) => f.path),
    ["app/Dockerfile", "app/src/main.sh", "blob.bin", "run.sh", "own.txt"],
  );
  assert.deepEqual(
    scenario.files.prod?.map((f) => f.path),
    ["app/Dockerfile", "app/src/main.sh", "blob.bin", "run.sh"],
  );
  assert.equal(scenario.files.dev?.[2]?.data.length, 1_000);
  assert.equal(scenario.files.dev?.[3]?.mode, 0o755);
  const [build, write, sleep, push] = scenario.steps;
  assert.ok(
    build?.kind === "run" &&
      write?.kind === "write" &&
      sleep?.kind === "sleep" &&
      push?.kind === "run",
  );
  assert.deepEqual(build.argv, ["build", "-t", "registry.local:5000/app:1", "app"]);
  assert.deepEqual(build.expect.cache, { hits: 1, misses: 2 });
  assert.deepEqual(build.expect.stdoutContains, ["a", "b"]);
  assert.deepEqual(build.expect.files, { "out.txt": { kind: "absent" } });
  assert.equal(sleep.durationUs, 250_000);
  assert.deepEqual(push.faults, [
    { afterUs: 100_000, kind: "registry-restart", registry: "registry.local:5000", downMs: 1_000 },
  ]);
  assert.equal(push.expect.exit, "any");
  assert.deepEqual(push.expect.duration, { maxUs: 3_000_000 });
});

test("random files depend on their path only, not on the seed", () => {
  const a = parse(`${MINIMAL}files: { x.bin: { random: 64B } }\nseed: 1\n`);
  const b = parse(`${MINIMAL}files: { x.bin: { random: 64B } }\nseed: 2\n`);
  assert.deepEqual(a.files.dev?.[0]?.data, b.files.dev?.[0]?.data);
});

test("a run step without expect must exit 0; one host needs no on:", () => {
  const [step] = parse(MINIMAL).steps;
  assert.ok(step?.kind === "run");
  assert.equal(step.on, "dev");
  assert.equal(step.expect.exit, 0);
  assert.equal(step.eventCountMax, DEFAULT_STEP_EVENT_COUNT_MAX);
});

test("limit: { events } on run and sleep steps, not on write steps", () => {
  const text = `name: m\nhosts: { dev: {} }\nsteps:\n  - run: docker ps\n    limit: { events: 50 }\n  - sleep: 1s\n    limit: { events: 7 }\n`;
  assert.deepEqual(
    parse(text).steps.map((step) => (step.kind === "write" ? undefined : step.eventCountMax)),
    [50, 7],
  );
  const steps = (body: string) => `name: m\nhosts: { dev: {} }\nsteps:\n${body}`;
  assert.match(
    failure(steps("  - run: docker ps\n    limit: {}\n")),
    /steps\[0\]\.limit: expected events:/,
  );
  assert.match(
    failure(steps("  - run: docker ps\n    limit: { events: 0 }\n")),
    /steps\[0\]\.limit\.events: expected at least 1/,
  );
  assert.match(
    failure(steps("  - write: { a: b }\n    limit: { events: 9 }\n")),
    /steps\[0\]\.limit: not allowed here/,
  );
});

test("errors name the file, the path and what was expected", () => {
  const steps = (body: string) => `name: m\nhosts: { dev: {}, prod: {} }\nsteps:\n${body}`;
  const cases: [string, RegExp][] = [
    ["hosts: {}\n", /demo\/scenario\.yaml: name: expected a string, got nothing/],
    ["name: m\nhosts: { dev: {} }\nstep: []\n", /unknown key "step"; expected one of: name, /],
    ["name: m\nhosts: {}\nsteps: []\n", /hosts: a scenario needs at least one host/],
    [
      steps("  - on: dev\n    run: docker ps\n    expect: { exit: zero }\n"),
      /steps\[0\]\.expect\.exit: expected a whole number, got string "zero"/,
    ],
    [
      steps("  - on: dev\n    run: docker ps\n    expect: { exit: 256 }\n"),
      /steps\[0\]\.expect\.exit: expected at most 255/,
    ],
    [steps("  - run: docker ps\n"), /steps\[0\]: this step needs on: \(one of dev, prod\)/],
    [
      steps("  - on: qa\n    run: docker ps\n"),
      /steps\[0\]\.on: no host "qa"; the scenario has: dev, prod/,
    ],
    [steps("  - on: dev\n    run: ls -l\n"), /steps\[0\]\.run: a step runs a docker command/],
    [steps("  - on: dev\n    run: docker ps | wc\n"), /steps\[0\]\.run: shell syntax "\|"/],
    [
      steps("  - on: dev\n    run: docker ps\n    sleep: 1s\n"),
      /steps\[0\]: a step has exactly one of run:, write:, sleep: \(got run, sleep\)/,
    ],
    [steps("  - sleep: 10 seconds\n"), /steps\[0\]\.sleep: expected a duration such as 20ms/],
    [
      steps("  - on: dev\n    write: { ../x: y }\n"),
      /steps\[0\]\.write\["\.\.\/x"\]: expected a relative path/,
    ],
    [
      "name: m\nhosts: { dev: {} }\nregistries: { r: {} }\nlinks: [{ host: dev, registry: r, latency: 1ms, bandwidth: fast }]\nsteps: [{ run: docker ps }]\n",
      /links\[0\]\.bandwidth: expected a bandwidth such as 100Mbit\/s/,
    ],
    [
      "name: m\nhosts: { dev: {} }\nfaults: [{ at: 1s, kind: registry-down }]\nsteps: [{ run: docker ps }]\n",
      /faults\[0\]\.registry: this fault needs registry:/,
    ],
    [
      "name: m\nhosts: { dev: {} }\nfaults: [{ at: 1s, kind: meteor }]\nsteps: [{ run: docker ps }]\n",
      /faults\[0\]\.kind: expected one of: registry-down/,
    ],
    [
      "name: m\nhosts: { dev: { images: [ubuntu] } }\nsteps: [{ run: docker ps }]\n",
      /hosts\.dev\.images\[0\]: expected one of the offline images: busybox, alpine/,
    ],
    [
      "name: m\nhosts: { dev: {} }\nfiles: { app: { dir: nowhere } }\nsteps: [{ run: docker ps }]\n",
      /files\.app\.dir: no folder "nowhere" beside the scenario/,
    ],
    ["name: [unclosed\n", /demo\/scenario\.yaml: not valid YAML/],
    ["name: a\nname: b\n", /not valid YAML: .*(unique|Map keys)/],
  ];
  for (const [text, pattern] of cases) assert.match(failure(text), pattern, text);
});

test("limits: counts and sizes are bounded", () => {
  const many = Array.from({ length: 3 }, () => "  - run: docker ps").join("\n");
  assert.throws(
    () =>
      parseScenario({
        file: "f.yaml",
        text: `name: m\nhosts: { dev: {} }\nsteps:\n${many}\n`,
        source,
        limits: { stepCountMax: 2 },
      }),
    /f\.yaml: steps: at most 2 items, got 3/,
  );
  assert.throws(
    () =>
      parseScenario({
        file: "f.yaml",
        text: `${MINIMAL}files: { a: { random: 2kB } }\n`,
        source,
        limits: { fileBytesMax: 1_000 },
      }),
    /files\.a: a scenario's files may hold at most 1000 bytes together/,
  );
  assert.throws(
    () =>
      parseScenario({ file: "f.yaml", text: MINIMAL, source, limits: { documentBytesMax: 10 } }),
    /at most 10 characters/,
  );
});

test("JSON is accepted, and a missing file is a clear error", () => {
  const json = memoryScenarioSource({
    "s.json": JSON.stringify({ name: "j", hosts: { dev: {} }, steps: [{ run: "docker images" }] }),
  });
  assert.equal(readScenario({ file: "s.json", source: json }).name, "j");
  assert.throws(
    () => readScenario({ file: "nope.yaml", source: json }),
    /nope\.yaml: no such scenario file/,
  );
});

test("a link shape takes only latency and bandwidth", () => {
  assert.match(
    failure(
      "name: m\nhosts: { dev: {} }\ndefaultLink: { latency: 1ms, bandwidth: 1Gbit/s, host: dev }\nsteps: [{ run: docker ps }]\n",
    ),
    /defaultLink\.host: unknown key "host"; expected one of: latency, bandwidth/,
  );
  assert.match(
    failure(
      "name: m\nhosts: { dev: {} }\nlinks: [{ host: dev, registry: docker.io, latency: 1ms }]\nsteps: [{ run: docker ps }]\n",
    ),
    /links\[0\]\.bandwidth: expected a bandwidth/,
  );
});
