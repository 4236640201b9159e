/**
 * Bytes a container's commands write reach its stdout unchanged, through pipes and redirections,
 * as in a real container (`docker run busybox sh -c 'dd if=/dev/urandom bs=256 count=1
 * 2>/dev/null | wc -c'` prints 256). just-bash 3.4.2 had two ways of turning such bytes into
 * UTF-8 text or failing the command (see `src/runtime/just-bash-fixes.ts` and
 * `src/runtime/output-streaming.ts`).
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import type { OutputStream } from "../../../src/runtime/container-runtime.ts";
import { prepareUserland } from "../../../src/runtime/userland.ts";
import { World } from "./runtime-harness.ts";

/** Runs `script` in a container and returns what each stream received, as bytes. */
async function run(script: string): Promise<Record<OutputStream, Uint8Array> & { exit: number }> {
  const world = new World();
  const chunks: Record<OutputStream, Uint8Array[]> = { stdout: [], stderr: [] };
  const status = await world.run(
    world.start(["/bin/sh", "-c", script], {
      onOutput: (stream, data) => chunks[stream].push(data.slice()),
    }),
  );
  const join = (parts: Uint8Array[]) => new Uint8Array(parts.flatMap((part) => [...part]));
  return { stdout: join(chunks.stdout), stderr: join(chunks.stderr), exit: status.exitCode };
}

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const ALL_BYTES = "dd if=/dev/urandom of=/x bs=256 count=1 2>/dev/null";

describe("binary output", () => {
  before(() => prepareUserland());

  it("a top-level command's bytes reach stdout as they are", async () => {
    const file = await run(`${ALL_BYTES}; cat /x > /copy; cat /x`);
    assert.equal(file.stdout.length, 256);
    const again = await run(
      `${ALL_BYTES}; cat /x | od -An -tx1 | head -1; od -An -tx1 /x | head -1`,
    );
    const [first, second] = text(again.stdout).split("\n");
    assert.equal(first, second);
  });

  it("a command with binary stdout and a redirected stderr still pipes its bytes", async () => {
    const piped = await run("dd if=/dev/urandom bs=256 count=1 2>/dev/null | wc -c");
    assert.deepEqual([text(piped.stdout), text(piped.stderr), piped.exit], ["256\n", "", 0]);
    const withStderr = await run("dd if=/dev/urandom bs=100 count=1 | wc -c");
    assert.equal(text(withStderr.stdout), "100\n");
    assert.equal(text(withStderr.stderr), "1+0 records in\n1+0 records out\n");
    const direct = await run("dd if=/dev/urandom bs=200 count=1 2>/dev/null");
    assert.equal(direct.stdout.length, 200);
  });

  it("the script's own redirections still win over the streaming sink", async () => {
    const result = await run(
      "ls /nope > /log 2>&1; echo to-log >> /log; ls /nope 2>&1; cat /log; echo err 1>&2",
    );
    assert.equal(
      text(result.stdout),
      "ls: /nope: No such file or directory\nls: /nope: No such file or directory\nto-log\n",
    );
    assert.equal(text(result.stderr), "err\n");
  });

  it("a failed redirection is a message and status 1, and the script goes on (as ash)", async () => {
    const result = await run("echo hi > /nonexistent/f; echo after $?");
    assert.equal(text(result.stdout), "after 1\n");
    assert.equal(
      text(result.stderr),
      "/bin/sh: can't create /nonexistent/f: nonexistent directory\n",
    );
    assert.equal(result.exit, 0);
  });

  it("each stage's stderr streams; only the last stage's stdout leaves the pipeline", async () => {
    const result = await run("ls /nope | wc -l; echo a | cat");
    assert.equal(text(result.stdout), "0\na\n");
    assert.equal(text(result.stderr), "ls: /nope: No such file or directory\n");
  });
});
