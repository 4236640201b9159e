import assert from "node:assert/strict";
import { test } from "node:test";
import { parseScenario } from "../../../src/scenario/read-scenario.ts";
import { runScenario } from "../../../src/scenario/scenario-runner.ts";
import { memoryScenarioSource } from "../../../src/scenario/scenario-source.ts";
import { formatWalkthrough } from "../../../src/scenario/walkthrough.ts";

const source = memoryScenarioSource({});

function scenario(steps: string) {
  return parseScenario({
    file: "t.yaml",
    source,
    text: `name: t\nhosts: { dev: { images: [busybox] } }\nfiles:\n  app/Dockerfile: "FROM busybox\\nCOPY msg.txt /msg.txt\\nCMD [\\"cat\\", \\"/msg.txt\\"]\\n"\n  app/msg.txt: "one\\n"\nsteps:\n${steps}`,
  });
}

test("steps run through the client on the host; outputs, edits, stdin and file checks", async () => {
  const result = await runScenario(
    scenario(`
  - run: docker build -q -t app:1 app
    expect: { cache: { hits: 0, misses: 2 } }
  - write: { app/msg.txt: "two\\n" }
  - run: docker build -t app:2 app
    expect: { cache: { hits: 0, misses: 2 }, stdoutContains: Successfully tagged app:2 }
  - run: docker run --rm app:2
    expect: { stdout: "two\\n", events: { runtime.container.exit: 1 } }
  - run: docker run --rm -i busybox cat
    stdin: "from stdin\\n"
    expect: { stdout: "from stdin\\n" }
  - run: docker save -o saved.tar app:2
    expect: { files: { saved.tar: { exists: true }, other.tar: { exists: false }, app/msg.txt: "two\\n" } }
`),
  );
  assert.equal(result.passed, true, formatWalkthrough(result));
  assert.equal(result.steps.length, 6);
  const [build, edit, , run] = result.steps;
  assert.match(build?.stdout ?? "", /^sha256:[0-9a-f]{64}\n$/);
  assert.equal(edit?.kind, "write");
  assert.equal(run?.stdout, "two\n");
  assert.equal(run?.exitCode, 0);
  assert.ok(result.endUs > result.startUs, "building took virtual time");
  // Each step's events are its own slice of the trace.
  const runEvents = result.events.slice(run!.firstSeq, run!.endSeq);
  assert.equal(runEvents[0]?.kind, "client.command.start");
  assert.equal(runEvents[0]?.step, 7);
  assert.equal(runEvents.at(-1)?.kind, "client.command.exit");
});

test("a failed expectation fails the run and says what was expected; failures can be expected", async () => {
  const result = await runScenario(
    scenario(`
  - run: docker run --rm busybox sh -c 'echo oops >&2; exit 3'
  - run: docker run --rm busybox sh -c 'exit 3'
    expect: { exit: 3 }
  - run: docker run --rm busybox echo hello
    expect: { stdout: "goodbye\\n", stderrContains: nothing-like-this, duration: { min: 1s } }
  - run: docker inspect no-such-thing
    expect: { exit: 1, stderrContains: "No such object: no-such-thing" }
`),
  );
  assert.equal(result.passed, false);
  assert.deepEqual(
    result.steps.map((step) => step.passed),
    [false, true, false, true],
  );
  assert.deepEqual(result.steps[0]?.checks, [
    { what: "exit", passed: false, expected: "0", actual: "3" },
  ]);
  assert.equal(result.steps[0]?.stderr, "oops\n");
  assert.deepEqual(
    result.steps[2]?.checks.filter((check) => !check.passed).map((check) => check.what),
    ["stdout", "stderrContains", "duration"],
  );
  const text = formatWalkthrough(result);
  assert.match(text, /FAIL expect exit: 0, got 3/);
  assert.match(text, /FAIL expect stdout: "goodbye\\n", got "hello\\n"/);
  assert.match(text, /Result: FAIL \(steps 1, 3\)/);
});

test("step faults are scheduled relative to the step; sleep lets virtual time pass", async () => {
  const text = `name: f\nhosts: { dev: {} }\nregistries: { "r.local:5000": {} }
faults: [{ at: 1s, kind: registry-down, registry: "r.local:5000" }]
steps:
  - sleep: 2s
  - run: docker pull r.local:5000/none:1
    faults: [{ after: 500ms, kind: registry-up, registry: "r.local:5000" }]
    expect: { exit: 1, stderrContains: connection refused }
  - sleep: 1s
`;
  const result = await runScenario(parseScenario({ file: "f.yaml", text, source }));
  assert.equal(result.passed, true, formatWalkthrough(result));
  assert.equal(result.steps[1]!.startUs - result.startUs, 2_000_000);
  const faults = result.events.filter((event) => event.kind === "world.fault");
  assert.deepEqual(
    faults.map((event) => [event.data?.kind, event.tUs - result.startUs]),
    [
      ["registry-down", 1_000_000],
      ["registry-up", 2_500_000],
    ],
  );
});

test("a step looping forever is stopped at its event limit; the run ends there", async () => {
  const result = await runScenario(
    scenario(`
  - run: docker run --rm busybox sh -c 'echo start; while :; do :; done'
    limit: { events: 20 }
  - run: docker images
    limit: { events: 20 }
`),
  );
  assert.equal(result.passed, false);
  assert.equal(result.abortedAt, 0);
  assert.equal(result.steps.length, 1);
  const [looping] = result.steps;
  assert.equal(looping?.stdout, "start\n");
  assert.match(
    looping?.stderr ?? "",
    /^drydock scenario: step 1 stopped: it fired 2\d events of the simulated world in [\d.]+ms of virtual time without finishing, past its limit of 20 \(a container looping forever\?\); raise it with limit: \{ events: N \} on the step\n$/,
  );
  assert.deepEqual(
    looping?.checks.map((check) => [check.what, check.passed]),
    [["limit", false]],
  );
});

test("a sleep step is held to its event limit too (a container looping in the background)", async () => {
  const result = await runScenario(
    scenario(`
  - run: docker run -d busybox sh -c 'while :; do :; done'
    limit: { events: 20 }
  - sleep: 10s
    limit: { events: 20 }
`),
  );
  assert.equal(result.abortedAt, 1);
  assert.match(
    result.steps[1]?.stderr ?? "",
    /^drydock scenario: step 2 stopped: it fired 2\d events/,
  );
  assert.ok((result.steps[1]?.endUs ?? 0) - (result.steps[1]?.startUs ?? 0) < 1_000_000);
});
