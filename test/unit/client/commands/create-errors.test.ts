import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { restartPolicy } from "../../../../src/client/commands/container-options.ts";
import { DrydockError } from "../../../../src/errors/drydock-error.ts";
import { fakeEngine } from "../helpers/fake-engine.ts";
import { runLine } from "../helpers/run-line.ts";

/** What the CLI 28.2 printed against dockerd 20.10 (2026-11-28). */
describe("docker create's errors", () => {
  it("prints the daemon's refusal plainly with exit 1; its own option errors with docker: and 125", async () => {
    const engine = fakeEngine({
      containerCreate: async (request) => {
        const policy = request.HostConfig?.RestartPolicy;
        throw new DrydockError("InvalidArgument", `invalid restart policy '${policy?.Name}'`, {
          data: {},
        });
      },
    });
    const daemon = await runLine(engine, ["create", "--restart", "bogus", "busybox"]);
    assert.deepEqual(
      [daemon.stderr, daemon.exitCode],
      ["Error response from daemon: invalid restart policy 'bogus'\n", 1],
    );
    const own = await runLine(engine, ["create", "--restart", ":3", "busybox"]);
    assert.deepEqual(
      [own.stderr, own.exitCode],
      [
        "docker: invalid restart policy format: no policy provided before colon\n\nRun 'docker create --help' for more information\n",
        125,
      ],
    );
  });

  it("reads --restart as ParseRestartPolicy does: the form only, names and counts go to the daemon", () => {
    assert.deepEqual(restartPolicy("always:3"), { Name: "always", MaximumRetryCount: 3 });
    assert.deepEqual(restartPolicy("on-failure:-1"), { Name: "on-failure", MaximumRetryCount: -1 });
    assert.deepEqual(restartPolicy("bogus"), { Name: "bogus", MaximumRetryCount: 0 });
    assert.deepEqual(restartPolicy("always:"), { Name: "always", MaximumRetryCount: 0 });
    assert.throws(() => restartPolicy("on-failure:x"), /maximum retry count must be an integer/);
  });
});
