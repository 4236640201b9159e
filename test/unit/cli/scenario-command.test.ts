import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { runCli } from "../../../src/cli/main.ts";
import { parseRunArgs, runScenarioCommand } from "../../../src/cli/scenario-command.ts";
import { bufferIo } from "../client/helpers/buffer-io.ts";

const dir = mkdtempSync(join(tmpdir(), "drydock-scenarios-"));
after(() => rmSync(dir, { recursive: true, force: true }));

function scenario(name: string, text: string): string {
  mkdirSync(join(dir, name), { recursive: true });
  writeFileSync(join(dir, name, "scenario.yaml"), text);
  return join(dir, name);
}

const hello = scenario(
  "hello",
  `name: hello\ndescription: |\n  Says hello.\n  Second line.\nhosts: { dev: { images: [busybox] } }\nsteps:\n  - run: docker run --rm busybox echo hello\n    expect: { stdout: "hello\\n" }\n`,
);
const failing = scenario(
  "failing",
  `name: failing\ndescription: Expects the wrong thing.\nhosts: { dev: { images: [busybox] } }\nsteps:\n  - run: docker run --rm busybox echo hello\n    expect: { stdout: "bye\\n" }\n`,
);
scenario("broken", "name: broken\nhosts: {}\n");

test("run arguments are parsed strictly", () => {
  assert.deepEqual(
    parseRunArgs([
      "x",
      "--seed",
      "7",
      "--format=jsonl",
      "--trace",
      "o.jsonl",
      "--check-determinism",
    ]),
    {
      target: "x",
      seed: 7,
      trace: "o.jsonl",
      format: "jsonl",
      checkDeterminism: true,
      backend: "sim",
    },
  );
  assert.deepEqual(parseRunArgs(["x"]), {
    target: "x",
    format: "text",
    checkDeterminism: false,
    backend: "sim",
  });
  assert.deepEqual(
    parseRunArgs([
      "x",
      "--backend",
      "docker",
      "--hosts",
      "dev=unix:///a.sock,prod=tcp://127.0.0.1:2375",
      "--registry=registry.local:5000=127.0.0.1:5000",
    ]),
    {
      target: "x",
      format: "text",
      checkDeterminism: false,
      backend: "docker",
      hosts: { dev: "unix:///a.sock", prod: "tcp://127.0.0.1:2375" },
      registries: { "registry.local:5000": "127.0.0.1:5000" },
    },
  );
  assert.match(parseRunArgs(["x", "--backend", "vm"]) as string, /--backend takes sim or docker/);
  assert.match(parseRunArgs(["x", "--hosts", "dev=a"]) as string, /need --backend docker/);
  assert.match(
    parseRunArgs(["x", "--backend", "docker", "--hosts", "dev"]) as string,
    /--hosts takes NAME=VALUE pairs/,
  );
  assert.match(
    parseRunArgs(["x", "--backend", "docker", "--seed", "3"]) as string,
    /real Docker has no seed/,
  );
  assert.match(parseRunArgs([]) as string, /needs a scenario/);
  assert.match(parseRunArgs(["x", "--seed", "-1"]) as string, /--seed takes a whole number/);
  assert.match(
    parseRunArgs(["x", "--format", "svg"]) as string,
    /--format takes text, jsonl or mermaid/,
  );
  assert.match(parseRunArgs(["x", "--bogus"]) as string, /unknown flag --bogus/);
  assert.match(parseRunArgs(["x", "y"]) as string, /one scenario at a time/);
});

test("scenario list shows each folder's name and first description line", async () => {
  const out = bufferIo();
  assert.equal(await runCli(["scenario", "list", dir], { io: out.io }), 0);
  const lines = out.stdout().split("\n");
  assert.equal(lines[0], "NAME     DESCRIPTION");
  assert.match(lines[1]!, /^broken {3}\(invalid: .*hosts: a scenario needs at least one host\)$/);
  assert.equal(lines[2], "failing  Expects the wrong thing.");
  assert.equal(lines[3], "hello    Says hello.");
});

test("scenario run: JSONL to stdout and to --trace, proven deterministic", async () => {
  const out = bufferIo();
  const trace = join(dir, "hello.jsonl");
  const code = await runScenarioCommand(
    ["run", hello, "--format", "jsonl", "--trace", trace, "--check-determinism"],
    out.io,
  );
  assert.equal(code, 0, out.stderr());
  assert.equal(readFileSync(trace, "utf8"), out.stdout());
  const events = out
    .stdout()
    .trimEnd()
    .split("\n")
    .map((line) => JSON.parse(line) as { kind: string; seq: number });
  assert.equal(events[0]?.kind, "client.command.start");
  assert.deepEqual(
    events.map((e) => e.seq),
    events.map((_, index) => index),
  );
  assert.match(
    out.stderr(),
    /^determinism: two runs with seed 1 gave byte-identical traces \(\d+ events\)\n$/,
  );
});

test("scenario run: text walkthrough; a failed expectation exits 1", async () => {
  const good = bufferIo();
  assert.equal(await runScenarioCommand(["run", join(hello, "scenario.yaml")], good.io), 0);
  assert.match(good.stdout(), /^Scenario hello \(seed 1\)\n/);
  assert.match(
    good.stdout(),
    /\[step 9 \+0\.\d{3}s\] dev runtime: container [0-9a-f]{12} exited with code 0/,
  );
  assert.match(good.stdout(), /Result: PASS\n$/);
  const bad = bufferIo();
  assert.equal(await runScenarioCommand(["run", failing, "--format", "mermaid"], bad.io), 1);
  assert.match(bad.stdout(), /^sequenceDiagram\n/);
  assert.match(bad.stderr(), /failing FAILED/);
});

test("scenario run: errors are clear", async () => {
  const missing = bufferIo();
  assert.equal(await runScenarioCommand(["run", join(dir, "nope")], missing.io), 1);
  assert.match(missing.stderr(), /no scenario ".*nope"/);
  const broken = bufferIo();
  assert.equal(await runScenarioCommand(["run", join(dir, "broken")], broken.io), 1);
  assert.match(
    broken.stderr(),
    /^drydock scenario: .*broken\/scenario\.yaml: hosts: a scenario needs at least one host\n$/,
  );
  const usage = bufferIo();
  assert.equal(await runScenarioCommand(["walk"], usage.io), 2);
  assert.match(usage.stderr(), /unknown scenario command "walk"[\s\S]*Usage:/);
});
