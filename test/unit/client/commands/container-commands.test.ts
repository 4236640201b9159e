import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ContainerInspect } from "../../../../src/engine/api-types.ts";
import { DrydockError } from "../../../../src/errors/drydock-error.ts";
import { fakeEngine, iterate } from "../helpers/fake-engine.ts";
import { fakeSession, frame, runLine } from "../helpers/run-line.ts";

const T0 = Date.UTC(2026, 10, 27, 22, 0, 29) * 1000 + 717343;

function inspected(fields: {
  Id?: string;
  Tty?: boolean;
  OpenStdin?: boolean;
  ports?: unknown;
}): ContainerInspect {
  return {
    Id: fields.Id ?? "c".repeat(64),
    Config: { Tty: fields.Tty ?? false, OpenStdin: fields.OpenStdin ?? false },
    NetworkSettings: { Ports: fields.ports ?? {} },
  } as unknown as ContainerInspect;
}

describe("container commands", () => {
  it("logs: asks by full ID after inspecting, writes each stream, -t prefixes docker's timestamps", async () => {
    const engine = fakeEngine({
      containerInspect: async () => inspected({}),
      containerLogs: () =>
        iterate([frame("stdout", "hi\n", T0 + 3255), frame("stderr", "err-line\n", T0)]),
    });
    const plain = await runLine(engine, ["logs", "x1"]);
    assert.equal(plain.stdout, "hi\n");
    assert.equal(plain.stderr, "err-line\n");
    assert.deepEqual(engine.calls[1]![1], [
      "c".repeat(64),
      { stdout: true, stderr: true, follow: false, timestamps: false, tail: "all" },
    ]);
    const stamped = await runLine(engine, ["logs", "-t", "-n", "5", "--since", "10m", "x1"]);
    assert.equal(stamped.stdout, "2026-11-27T22:00:29.720598000Z hi\n");
    assert.equal(stamped.stderr, "2026-11-27T22:00:29.717343000Z err-line\n");
    assert.deepEqual(engine.calls[3]![1][1], {
      stdout: true,
      stderr: true,
      follow: false,
      timestamps: true,
      tail: "5",
      since: "10m",
    });
  });

  it("logs -t does not prefix twice when the engine already did", async () => {
    const engine = fakeEngine({
      containerInspect: async () => inspected({}),
      containerLogs: () => iterate([frame("stdout", "2026-11-27T22:00:29.717343000Z hi\n", T0)]),
    });
    assert.equal(
      (await runLine(engine, ["logs", "-t", "x1"])).stdout,
      "2026-11-27T22:00:29.717343000Z hi\n",
    );
  });

  it("exec: create, start, stream, then the exit code from exec inspect", async () => {
    const engine = fakeEngine({
      execCreate: async () => ({ Id: "e1" }),
      execStart: async () => fakeSession([frame("stdout", "out\n"), frame("stderr", "err\n")]),
      execInspect: async () => ({ ExitCode: 7 }) as never,
    });
    const result = await runLine(engine, [
      "exec",
      "-e",
      "A=1",
      "-w",
      "/tmp",
      "-u",
      "1:2",
      "c1",
      "sh",
      "-c",
      "exit 7",
    ]);
    assert.equal(result.exitCode, 7);
    assert.equal(result.stdout, "out\n");
    assert.equal(result.stderr, "err\n");
    const request = engine.calls[0]![1][1] as {
      Cmd: string[];
      Env: string[];
      WorkingDir: string;
      User: string;
      AttachStdout: boolean;
    };
    assert.deepEqual(request.Cmd, ["sh", "-c", "exit 7"]);
    assert.deepEqual(request.Env, ["A=1"]);
    assert.equal(request.WorkingDir, "/tmp");
    assert.equal(request.User, "1:2");
    assert.equal(request.AttachStdout, true);
  });

  it("exec on a stopped container prints the daemon's refusal", async () => {
    const engine = fakeEngine({
      execCreate: async () => {
        throw new DrydockError("Conflict", `Container ${"c".repeat(64)} is not running`);
      },
    });
    const result = await runLine(engine, ["exec", "c1", "echo", "hi"]);
    assert.equal(result.exitCode, 1);
    assert.equal(
      result.stderr,
      `Error response from daemon: Container ${"c".repeat(64)} is not running\n`,
    );
  });

  it("rm, stop, kill print each name and collect failures at the end (exit 1)", async () => {
    const engine = fakeEngine({
      containerRemove: async (name) => {
        if (name === "nosuch") throw new DrydockError("NotFound", "No such container: nosuch");
      },
      containerStop: async () => undefined,
      containerKill: async () => undefined,
    });
    const rm = await runLine(engine, ["rm", "-f", "a", "nosuch", "b"]);
    assert.equal(rm.stdout, "a\nb\n");
    assert.equal(rm.stderr, "Error response from daemon: No such container: nosuch\n");
    assert.equal(rm.exitCode, 1);
    assert.deepEqual(engine.calls[0]![1], ["a", { force: true, volumes: false }]);
    assert.equal((await runLine(engine, ["stop", "-t", "1", "x3"])).stdout, "x3\n");
    assert.deepEqual(engine.calls.at(-1)![1], ["x3", { timeoutSeconds: 1 }]);
    await runLine(engine, ["kill", "-s", "TERM", "x3"]);
    assert.deepEqual(engine.calls.at(-1)![1], ["x3", { signal: "TERM" }]);
  });

  it("wait prints exit codes; start -a attaches and returns the container's code", async () => {
    const engine = fakeEngine({
      containerWait: async () => ({ StatusCode: 4, Error: null }),
      containerInspect: async () => inspected({}),
      containerAttach: async () => fakeSession([frame("stdout", "again\n")]),
      containerStart: async () => undefined,
    });
    assert.equal((await runLine(engine, ["wait", "x1", "x2"])).stdout, "4\n4\n");
    const start = await runLine(engine, ["start", "-a", "x1"]);
    assert.equal(start.stdout, "again\n");
    assert.equal(start.exitCode, 4);
    const many = await runLine(engine, ["start", "-a", "x1", "x2"]);
    assert.equal(many.stderr, "you cannot start and attach multiple containers at once\n");
  });

  it("top aligns with minimum width 20; port lists and looks up mappings", async () => {
    const engine = fakeEngine({
      containerTop: async () => ({
        Titles: ["UID", "PID", "CMD"],
        Processes: [["root", "15610", "sleep 6"]],
      }),
      containerInspect: async () =>
        inspected({
          ports: {
            "8080/tcp": [
              { HostIp: "0.0.0.0", HostPort: "18080" },
              { HostIp: "::", HostPort: "18080" },
            ],
          },
        }),
    });
    assert.equal(
      (await runLine(engine, ["top", "x1"])).stdout,
      "UID                 PID                 CMD\nroot                15610               sleep 6\n",
    );
    assert.equal(
      (await runLine(engine, ["port", "x1"])).stdout,
      "8080/tcp -> 0.0.0.0:18080\n8080/tcp -> [::]:18080\n",
    );
    assert.equal(
      (await runLine(engine, ["port", "x1", "8080"])).stdout,
      "0.0.0.0:18080\n[::]:18080\n",
    );
    const missing = await runLine(engine, ["port", "x1", "8080/udp"]);
    assert.equal(missing.stderr, "Error: No public port '8080/udp' published for x1\n");
    assert.equal(missing.exitCode, 1);
    // The port is named as given; a bad number fails as strconv.ParseUint does (checked on 28.2).
    const bare = await runLine(engine, ["port", "x1", "81"]);
    assert.equal(bare.stderr, "Error: No public port '81' published for x1\n");
    const bad = await runLine(engine, ["port", "x1", "99999/udp"]);
    assert.equal(
      bad.stderr,
      'Error: invalid port (99999): strconv.ParseUint: parsing "99999": value out of range\n',
    );
    assert.equal(bad.exitCode, 1);
  });

  it("diff, commit, rename and export", async () => {
    const engine = fakeEngine({
      containerChanges: async () => [
        { Path: "/app", Kind: 0 },
        { Path: "/app/new", Kind: 1 },
        { Path: "/gone", Kind: 2 },
      ],
      containerCommit: async () => ({ Id: `sha256:${"d".repeat(64)}` }),
      containerRename: async () => undefined,
      containerExport: async () => new Uint8Array([1, 2, 3]),
    });
    assert.equal((await runLine(engine, ["diff", "x"])).stdout, "C /app\nA /app/new\nD /gone\n");
    const commit = await runLine(engine, [
      "commit",
      "-m",
      "msg",
      "-a",
      "me",
      "-c",
      'CMD ["sh"]',
      "x",
      "repo:tag",
    ]);
    assert.equal(commit.stdout, `sha256:${"d".repeat(64)}\n`);
    assert.deepEqual(engine.calls[1]![1][0], {
      container: "x",
      repo: "repo",
      tag: "tag",
      comment: "msg",
      author: "me",
      changes: ['CMD ["sh"]'],
      pause: true,
    });
    assert.equal(
      (await runLine(engine, ["commit", "x", "Bad:tag"])).stderr,
      "invalid reference format: repository name (library/Bad) must be lowercase\n",
    );
    assert.equal((await runLine(engine, ["rename", "a", "b"])).exitCode, 0);
    const exported = await runLine(engine, ["export", "x"]);
    assert.deepEqual([...exported.io.stdoutBytes()], [1, 2, 3]);
  });
});
