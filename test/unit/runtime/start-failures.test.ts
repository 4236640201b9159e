import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { before, describe, it } from "node:test";
import { DrydockError } from "../../../src/errors/drydock-error.ts";
import { RuntimeStartError } from "../../../src/runtime/runtime-start-error.ts";
import { prepareUserland } from "../../../src/runtime/userland.ts";
import { createWorkdir } from "../../../src/runtime/workdir.ts";
import { PROBE_LAYER } from "./probe-image.ts";
import { World } from "./runtime-harness.ts";

interface Case {
  readonly name: string;
  readonly mode: "run" | "exec";
  readonly options: readonly string[];
  readonly argv: readonly string[];
  readonly cliExitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

const fixture = JSON.parse(
  readFileSync(new URL("../../fixtures/runtime/start-failures.json", import.meta.url), "utf8"),
) as { cases: Case[] };

const RUN_PREFIX = "docker: Error response from daemon: ";

/** `--user x` / `-w /d` from the recorded command line. */
function specOf(options: readonly string[]): { user?: string; cwd?: string } {
  const spec: { user?: string; cwd?: string } = {};
  for (let i = 0; i < options.length; i += 2) {
    if (options[i] === "--user" || options[i] === "-u") spec.user = options[i + 1]!;
    if (options[i] === "-w") spec.cwd = options[i + 1]!;
  }
  return spec;
}

/** What the daemon said: the run error between the CLI's prefix and its hint, or exec's line. */
function daemonMessage(testCase: Case): string {
  // An exec failure is written to the attached stdout stream, where the CLI prints it.
  if (testCase.mode === "exec") return testCase.stdout.replace(/\n$/, "");
  return testCase.stderr.slice(RUN_PREFIX.length).split("\n\nRun 'docker run")[0]!;
}

async function outcome(
  testCase: Case,
): Promise<{ error?: unknown; stderr?: string; exitCode?: number }> {
  const world = new World({ layers: [PROBE_LAYER] });
  const spec = specOf(testCase.options);
  if (testCase.mode === "exec") world.start(["sleep", "600"]);
  try {
    const process = world.start(testCase.argv, { ...spec, isInit: testCase.mode === "run" });
    const status = await world.loop.runUntil(process.exited);
    return { stderr: world.text("stderr"), exitCode: status.exitCode };
  } catch (error) {
    return { error };
  }
}

describe("start failures match dockerd 20.10", () => {
  before(() => prepareUserland());

  for (const testCase of fixture.cases) {
    const daemonLevel =
      testCase.name === "run-relative-workdir" || testCase.name === "run-workdir-is-file";
    it(`${testCase.name}: ${testCase.argv.join(" ")}`, async () => {
      if (daemonLevel) {
        // dockerd checks the working directory when it creates the container (see workdir.ts).
        const world = new World({ layers: [PROBE_LAYER] });
        const cwd = specOf(testCase.options).cwd!;
        assert.throws(
          () => createWorkdir(world.rootfs.overlay, cwd, { nowUs: world.startUs }),
          (error) => error instanceof DrydockError && error.message === daemonMessage(testCase),
        );
        return;
      }
      const result = await outcome(testCase);
      const recordedFailure =
        testCase.mode === "run" ? testCase.stderr.startsWith(RUN_PREFIX) : testCase.stdout !== "";
      if (recordedFailure) {
        assert.ok(
          result.error instanceof RuntimeStartError,
          `expected a start error, got ${JSON.stringify(result)}`,
        );
        assert.equal(result.error.message, daemonMessage(testCase));
        assert.equal(result.error.cliExitCode, testCase.cliExitCode);
      } else {
        assert.equal(result.error, undefined);
        assert.equal(result.stderr, testCase.stderr);
        assert.equal(result.exitCode, testCase.cliExitCode);
      }
    });
  }

  it("records the container exit codes dockerd sets: 127 not found, 126 denied, 128 otherwise", async () => {
    const codes: Record<string, number> = {};
    for (const argv of [["foo"], ["/data/plain"]]) {
      const result = await outcome({
        name: "",
        mode: "run",
        options: [],
        argv,
        cliExitCode: 0,
        stdout: "",
        stderr: "",
      });
      codes[argv[0]!] = (result.error as RuntimeStartError).exitCode;
    }
    const user = await outcome({
      name: "",
      mode: "run",
      options: ["--user", "x"],
      argv: ["true"],
      cliExitCode: 0,
      stdout: "",
      stderr: "",
    });
    assert.deepEqual(codes, { foo: 127, "/data/plain": 126 });
    assert.equal((user.error as RuntimeStartError).exitCode, 128);
    assert.equal((user.error as RuntimeStartError).httpStatus, 500);
  });
});
