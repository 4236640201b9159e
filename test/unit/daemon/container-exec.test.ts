import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  collectText,
  createTestDaemon,
  expectDockerError,
  runContainer,
} from "./daemon-fixture.ts";
import { recordedMessage, recordedStatus } from "./recorded.ts";

describe("container exec", () => {
  it("runs a command in a running container and records its exit code", async () => {
    const t = await createTestDaemon();
    const id = await runContainer(t, { cmd: ["sleep", "300"], name: "dd-x1" });
    const d = t.daemon;
    const result = await t.run(async () => {
      const { Id } = await d.execCreate("dd-x1", {
        Cmd: ["sh", "-c", "echo hey; exit 3"],
        AttachStdout: true,
        AttachStderr: true,
      });
      const before = await d.execInspect(Id);
      const session = await d.execStart(Id);
      const out = await collectText(session.output);
      return {
        Id,
        before,
        out,
        after: await d.execInspect(Id),
        inspect: await d.containerInspect(id),
      };
    });
    assert.equal(result.out, "hey\n");
    assert.deepEqual([result.before.Running, result.before.ExitCode], [false, null]);
    assert.deepEqual(result.after.ProcessConfig, {
      tty: false,
      entrypoint: "sh",
      arguments: ["-c", "echo hey; exit 3"],
      privileged: false,
    });
    assert.deepEqual(
      [result.after.Running, result.after.ExitCode, result.after.ContainerID],
      [false, 3, id],
    );
    // dockerd forgets a finished exec in the container (checked: `docker exec c true`, then
    // inspect's ExecIDs is null), while `exec inspect` still finds it.
    assert.equal(result.inspect.ExecIDs, null);
    await expectDockerError(t, () => d.execStart(result.Id), {
      message: `Error: Exec command ${result.Id} has already run`,
      status: 409,
    });
  });

  it("writes a start failure into the stream, exit code 126", async () => {
    const t = await createTestDaemon();
    await runContainer(t, { cmd: ["sleep", "300"], name: "dd-s1" });
    const d = t.daemon;
    const result = await t.run(async () => {
      const { Id } = await d.execCreate("dd-s1", {
        Cmd: ["nosuchcmd"],
        AttachStdout: true,
        AttachStderr: true,
      });
      const out = await collectText((await d.execStart(Id)).output);
      return { out, exec: await d.execInspect(Id) };
    });
    assert.equal(
      result.out,
      'OCI runtime exec failed: exec failed: unable to start container process: exec: "nosuchcmd": executable file not found in $PATH: unknown\r\n',
    );
    assert.equal(result.exec.ExitCode, 126);
  });

  it("knows no exec it never made, and execs die with their container", async () => {
    const t = await createTestDaemon();
    const id = await runContainer(t, { cmd: ["sleep", "300"] });
    const d = t.daemon;
    await expectDockerError(t, () => d.execInspect("nosuchexec"), {
      message: recordedMessage("exec-instance-missing"),
      status: recordedStatus("exec-instance-missing"),
    });
    const exec = await t.run(async () => {
      const { Id } = await d.execCreate(id, { Cmd: ["sleep", "100"] });
      await d.execStart(Id, { detach: true });
      await d.containerKill(id);
      return d.execInspect(Id);
    });
    assert.deepEqual([exec.Running, exec.ExitCode], [false, 137]);
  });
});
