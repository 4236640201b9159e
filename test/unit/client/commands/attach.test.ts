import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ContainerInspect } from "../../../../src/engine/api-types.ts";
import { DrydockError } from "../../../../src/errors/drydock-error.ts";
import { fakeEngine } from "../helpers/fake-engine.ts";
import { fakeSession, frame, runLine } from "../helpers/run-line.ts";

/*
 * Expected outputs recorded with docker CLI 28 against dockerd 20.10 on the build machine:
 * `docker run -d --name att1 busybox sh -c 'sleep 1; echo hi; echo err >&2; exit 3'; docker
 * attach att1` printed hi / err and exited 3; a stopped, paused or unknown container gave the
 * messages below with exit 1.
 */

const ID = "c".repeat(64);

function inspect(
  state: { Running?: boolean; Paused?: boolean; Restarting?: boolean },
  openStdin = false,
) {
  return {
    Id: ID,
    State: { Running: false, Paused: false, Restarting: false, ...state },
    Config: { OpenStdin: openStdin },
  } as unknown as ContainerInspect;
}

describe("docker attach", () => {
  it("copies the running container's output and exits with its code", async () => {
    const session = fakeSession([frame("stdout", "hi\n"), frame("stderr", "err\n")]);
    const engine = fakeEngine({
      containerInspect: async () => inspect({ Running: true }),
      containerAttach: async () => session,
      containerWait: async () => ({ StatusCode: 3, Error: null }),
    });
    const result = await runLine(engine, ["attach", "att1"]);
    assert.deepEqual([result.stdout, result.stderr, result.exitCode], ["hi\n", "err\n", 3]);
    const attach = engine.calls.find(([name]) => name === "containerAttach");
    assert.deepEqual(attach?.[1], [ID, { stdin: false, stdout: true, stderr: true, stream: true }]);
    assert.equal(
      engine.calls.some(([name]) => name === "containerStart"),
      false,
    );
  });

  it("attaches stdin when the container keeps it open, unless --no-stdin", async () => {
    for (const [argv, wanted] of [
      [["attach", "c1"], true],
      [["attach", "--no-stdin", "c1"], false],
    ] as const) {
      const session = fakeSession([]);
      const engine = fakeEngine({
        containerInspect: async () => inspect({ Running: true }, true),
        containerAttach: async () => session,
        containerWait: async () => ({ StatusCode: 0, Error: null }),
      });
      await runLine(engine, argv, { stdin: "typed\n" });
      const attach = engine.calls.find(([name]) => name === "containerAttach");
      assert.ok(attach !== undefined);
      assert.equal((attach[1][1] as { stdin: boolean }).stdin, wanted);
      assert.deepEqual(session.stdin, wanted ? ["typed\n"] : []);
    }
  });

  it("refuses stopped, paused and restarting containers in the CLI's words", async () => {
    const cases = [
      [{}, "You cannot attach to a stopped container, start it first\n"],
      [
        { Running: true, Paused: true },
        "You cannot attach to a paused container, unpause it first\n",
      ],
      [
        { Running: true, Restarting: true },
        "You cannot attach to a restarting container, wait until it is running\n",
      ],
    ] as const;
    for (const [state, message] of cases) {
      const engine = fakeEngine({ containerInspect: async () => inspect(state) });
      const result = await runLine(engine, ["attach", "c1"]);
      assert.deepEqual([result.stdout, result.stderr, result.exitCode], ["", message, 1]);
    }
    const missing = fakeEngine({
      containerInspect: async () => {
        throw new DrydockError("NotFound", "No such container: nosuch");
      },
    });
    const result = await runLine(missing, ["attach", "nosuch"]);
    assert.deepEqual(
      [result.stderr, result.exitCode],
      ["Error response from daemon: No such container: nosuch\n", 1],
    );
  });
});
