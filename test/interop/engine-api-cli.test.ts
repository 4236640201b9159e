/**
 * The real docker CLI (28.x) against `drydock daemon` on a temporary unix socket: the seed
 * workflow and the commands after it, compared with what the CLI printed against a real
 * dockerd 20.10 (`test/fixtures/engine-api/cli-workflow.real.json`).
 *
 * Re-record: RECORD_FIXTURES=1 DOCKER_REAL_HOST=unix:///tmp/dd/docker.sock node --import tsx \
 *   --test test/interop/engine-api-cli.test.ts  (needs busybox:latest and a registry on :5000)
 */
import assert from "node:assert/strict";
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { which } from "../support/real-docker.ts";
import { CLI_STEPS, type CliStep, normalise } from "./engine-api-cli-steps.ts";

interface Outcome {
  readonly args: readonly string[];
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr?: string;
}

const FIXTURE = new URL("../fixtures/engine-api/cli-workflow.real.json", import.meta.url);
const MAIN = new URL("../../src/cli/main.ts", import.meta.url).pathname;
const docker = which("docker");

function runDocker(
  host: string,
  dir: string,
  step: CliStep,
  sinceSeconds: number,
): Promise<Outcome> {
  const args = step.args.map((arg) =>
    arg
      .replace("{{ctx}}", join(dir, "ctx"))
      .replace("{{note}}", join(dir, "note.txt"))
      .replace("{{dir}}", dir)
      .replace("{{since}}", String(sinceSeconds))
      .replace("{{until}}", String(Math.ceil(Date.now() / 1000) + 1)),
  );
  return new Promise((resolve) => {
    const child = execFile(
      docker!,
      args,
      {
        env: { ...process.env, DOCKER_HOST: host, DOCKER_BUILDKIT: "0", DOCKER_CLI_HINTS: "false" },
        timeout: 60_000,
      },
      (error, stdout, stderr) => {
        const exitCode = error === null ? 0 : typeof error.code === "number" ? error.code : -1;
        resolve({
          args: step.args,
          exitCode,
          stdout: normalise(stdout),
          ...(step.stderr === true ? { stderr: normalise(stderr) } : {}),
        });
      },
    );
    child.stdin?.end(step.input ?? "");
  });
}

function prepare(dir: string): void {
  mkdirSync(join(dir, "ctx"));
  writeFileSync(
    join(dir, "ctx", "Dockerfile"),
    'FROM busybox\nRUN echo built > /built.txt\nCMD ["cat", "/built.txt"]\n',
  );
  writeFileSync(join(dir, "note.txt"), "hello\n");
}

async function startDaemon(dir: string): Promise<{ host: string; child: ChildProcess }> {
  const socket = join(dir, "drydock.sock");
  const child = spawn(
    process.execPath,
    ["--import", "tsx", MAIN, "daemon", "-H", `unix://${socket}`, "--memory", "--seed", "1"],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let log = "";
  await new Promise<void>((resolve, reject) => {
    child.stderr?.on("data", (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes("API listen on")) resolve();
    });
    child.once("exit", () => reject(new Error(`drydock daemon exited: ${log}`)));
  });
  return { host: `unix://${socket}`, child };
}

async function runAll(host: string, dir: string): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  const sinceSeconds = Math.floor(Date.now() / 1000) - 1;
  for (const step of CLI_STEPS) outcomes.push(await runDocker(host, dir, step, sinceSeconds));
  return outcomes;
}

describe("the docker CLI against drydock daemon", {
  skip: docker === undefined && "the docker CLI is not installed",
}, () => {
  let dir: string;
  let daemon: { host: string; child: ChildProcess };
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "drydock-cli-"));
    prepare(dir);
    daemon = await startDaemon(dir);
  });
  after(async () => {
    const exited = new Promise((resolve) => daemon.child.once("exit", resolve));
    daemon.child.kill("SIGTERM");
    await exited;
    rmSync(dir, { recursive: true, force: true });
  });

  it("records the real dockerd's outputs when asked", {
    skip: process.env.RECORD_FIXTURES !== "1" && "RECORD_FIXTURES is not set",
  }, async () => {
    const host = process.env.DOCKER_REAL_HOST ?? "unix:///tmp/dd/docker.sock";
    const outcomes = await runAll(host, dir);
    writeFileSync(FIXTURE, `${JSON.stringify(outcomes, null, 2)}\n`);
  });

  it("prints what docker prints against dockerd, step by step", async () => {
    const expected = JSON.parse(readFileSync(FIXTURE, "utf8")) as Outcome[];
    const actual = await runAll(daemon.host, dir);
    for (const [index, outcome] of actual.entries()) {
      assert.deepEqual(outcome, expected[index], `step ${index}: docker ${outcome.args.join(" ")}`);
    }
  });
});
