/**
 * `drydock scenario run DIR --backend docker` end to end: the command picks the docker backend
 * through the composition root, runs the scenario on private dockerds, prints the walkthrough
 * (or JSONL in wall-clock microseconds) and exits 0, or 1 when a check fails or an endpoint
 * cannot be reached. Skips, with the reason, where the real side cannot run.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { runScenarioCommand } from "../../src/cli/scenario-command.ts";
import { findRealPrograms } from "../../src/real/real-programs.ts";
import { bufferIo } from "../unit/client/helpers/buffer-io.ts";

const programs = findRealPrograms({ registries: true, baseImages: true });
const skip = typeof programs === "string" ? `the real side cannot run here: ${programs}` : false;

const dir = mkdtempSync(join(tmpdir(), "drydock-cli-docker-"));
after(() => rmSync(dir, { recursive: true, force: true }));

function scenarioDir(name: string, steps: string): string {
  mkdirSync(join(dir, name), { recursive: true });
  writeFileSync(
    join(dir, name, "scenario.yaml"),
    `name: ${name}\nhosts: { dev: { images: [busybox] } }\nsteps:\n${steps}`,
  );
  return join(dir, name);
}

const hello = scenarioDir(
  "hello",
  `  - run: docker run --rm busybox echo hello
    expect: { stdout: "hello\\n" }
`,
);
const wrong = scenarioDir(
  "wrong",
  `  - run: docker run --rm busybox echo hello
    expect: { stdout: "bye\\n" }
`,
);

describe("drydock scenario run --backend docker", { skip }, () => {
  it("prints the walkthrough of the real run and exits 0", async () => {
    const out = bufferIo();
    const code = await runScenarioCommand(["run", hello, "--backend", "docker"], out.io);
    assert.equal(code, 0, out.stderr());
    const text = out.stdout();
    assert.match(text, /on real Docker/);
    assert.match(text, /dev \$ docker run --rm busybox echo hello/);
    assert.match(text, /\| hello\n/);
    assert.match(text, /ok {3}expect stdout/);
    assert.match(text, /took [\d.]+m?s \(real\)/);
    assert.match(text, /Result: PASS/);
  });

  it("prints JSONL in wall-clock microseconds, and writes the same to --trace", async () => {
    const out = bufferIo();
    const traceFile = join(dir, "trace.jsonl");
    const args = ["run", hello, "--backend", "docker", "--format", "jsonl", "--trace", traceFile];
    const code = await runScenarioCommand(args, out.io);
    assert.equal(code, 0, out.stderr());
    const jsonl = out.stdout();
    assert.equal(readFileSync(traceFile, "utf8"), jsonl);
    const lines = jsonl.split("\n");
    assert.equal(lines.pop(), "", "ends with a newline");
    const events = lines.map(
      (line) => JSON.parse(line) as { seq: number; tUs: number; kind: string },
    );
    const kinds = new Set(events.map((event) => event.kind));
    for (const kind of [
      "client.command.start",
      "daemon.container.create",
      "runtime.container.exit",
    ])
      assert.ok(kinds.has(kind), `trace has ${kind}`);
    const nowUs = Date.now() * 1_000;
    for (const event of events) {
      assert.ok(Number.isInteger(event.tUs), `${event.kind}: integer microseconds`);
      assert.ok(Math.abs(nowUs - event.tUs) < 60_000_000, `${event.kind} at ${event.tUs}`);
    }
    assert.deepEqual(
      events.map((event) => event.seq),
      events.map((_, index) => index),
    );
  });

  it("exits 1 when a check fails on real Docker, saying so on stderr with --format jsonl", async () => {
    const out = bufferIo();
    const code = await runScenarioCommand(
      ["run", wrong, "--backend", "docker", "--format", "jsonl"],
      out.io,
    );
    assert.equal(code, 1);
    assert.match(out.stderr(), /drydock scenario: wrong FAILED/);
    assert.ok(out.stdout().length > 0, "the trace is printed all the same");
  });

  it("exits 1 with the reason when a --hosts endpoint does not answer", async () => {
    const out = bufferIo();
    const args = ["run", hello, "--backend", "docker", "--hosts", "dev=unix:///nonexistent.sock"];
    const code = await runScenarioCommand(args, out.io);
    assert.equal(code, 1);
    assert.match(
      out.stderr(),
      /^drydock scenario: .*host dev: cannot reach the dockerd at unix:\/\/\/nonexistent\.sock/,
    );
    assert.equal(out.stdout(), "");
  });
});
