import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { LogStore } from "../../../src/daemon/log-store.ts";
import {
  collectText,
  createTestDaemon,
  expectDockerError,
  runContainer,
} from "./daemon-fixture.ts";
import { recordedMessage, recordedStatus } from "./recorded.ts";

const encoder = new TextEncoder();

describe("container logs", () => {
  it("cuts output into lines stamped when they complete, and flushes the rest at exit", () => {
    const store = new LogStore({ bytesMax: 1024 });
    store.write("stdout", encoder.encode("a\nb"), 1);
    store.write("stderr", encoder.encode("e\n"), 2);
    store.write("stdout", encoder.encode("c\nd"), 3);
    store.flush(4);
    const lines = store.entries.map((entry) => [
      entry.stream,
      entry.tUs,
      new TextDecoder().decode(entry.data),
    ]);
    assert.deepEqual(lines, [
      ["stdout", 1, "a\n"],
      ["stderr", 2, "e\n"],
      ["stdout", 3, "bc\n"],
      ["stdout", 4, "d"],
    ]);
  });

  it("drops the oldest lines past the size limit", () => {
    const store = new LogStore({ bytesMax: 6 });
    for (let i = 0; i < 5; i++) store.write("stdout", encoder.encode(`${i}\n`), i);
    assert.deepEqual(
      store.entries.map((entry) => entry.tUs),
      [2, 3, 4],
    );
    assert.equal(store.droppedCount, 2);
  });

  it("filters streams, tails, and prefixes timestamps with nine digits", async () => {
    const t = await createTestDaemon();
    const id = await runContainer(t, {
      cmd: ["sh", "-c", "echo one; echo two >&2; sleep 1; echo three"],
    });
    await t.run(() => t.daemon.containerWait(id));
    const logs = (options: object) =>
      t.run(() =>
        collectText(t.daemon.containerLogs(id, { stdout: true, stderr: true, ...options })),
      );
    assert.equal(await logs({}), "one\ntwo\nthree\n");
    assert.equal(await logs({ stderr: false }), "one\nthree\n");
    assert.equal(await logs({ tail: "1" }), "three\n");
    assert.equal(await logs({ tail: "0" }), "");
    assert.equal(
      await logs({ timestamps: true, tail: "1" }),
      "2026-01-01T00:00:01.000000000Z three\n",
    );
    assert.equal(await logs({ since: "1767225601" }), "three\n");
    assert.equal(await logs({ until: "2026-01-01T00:00:00.5Z" }), "one\ntwo\n");
    await expectDockerError(t, async () => t.daemon.containerLogs(id, {}), {
      message: recordedMessage("logs-no-stream"),
      status: recordedStatus("logs-no-stream"),
    });
  });

  it("follows a running container until it stops, in simulated time", async () => {
    const t = await createTestDaemon();
    const id = await runContainer(t, {
      cmd: ["sh", "-c", "echo one; sleep 1; echo two >&2; sleep 1; echo three"],
    });
    const frames = await t.run(async () => {
      const out: [string, number, string][] = [];
      for await (const frame of t.daemon.containerLogs(id, {
        stdout: true,
        stderr: true,
        follow: true,
      }))
        out.push([
          frame.stream,
          frame.tUs - 1767225600_000_000,
          new TextDecoder().decode(frame.data),
        ]);
      return out;
    });
    assert.deepEqual(frames, [
      ["stdout", 0, "one\n"],
      ["stderr", 1_000_000, "two\n"],
      ["stdout", 2_000_000, "three\n"],
    ]);
  });

  it("attach streams output from the start and forwards stdin, buffered before start", async () => {
    const t = await createTestDaemon();
    const d = t.daemon;
    const text = await t.run(async () => {
      const { Id } = await d.containerCreate({
        Image: "busybox",
        Cmd: ["cat"],
        OpenStdin: true,
        StdinOnce: true,
        AttachStdin: true,
      });
      const session = await d.containerAttach(Id, {
        stdin: true,
        stdout: true,
        stderr: true,
        stream: true,
      });
      session.writeStdin(encoder.encode("stdin-data\n"));
      session.closeStdin();
      const wait = d.containerWait(Id, { condition: "next-exit" });
      await d.containerStart(Id);
      const out = await collectText(session.output);
      return { out, status: await wait };
    });
    assert.deepEqual(text, { out: "stdin-data\n", status: { StatusCode: 0, Error: null } });
  });

  it("with a TTY every byte is stdout", async () => {
    const t = await createTestDaemon();
    const id = await runContainer(t, { cmd: ["sh", "-c", "echo err >&2"], Tty: true });
    await t.run(() => t.daemon.containerWait(id));
    const frames = await t.run(async () => {
      const out: string[] = [];
      for await (const frame of t.daemon.containerLogs(id, { stdout: true, stderr: true }))
        out.push(frame.stream);
      return out;
    });
    assert.deepEqual(frames, ["stdout"]);
  });
});
