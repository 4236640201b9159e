import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ContainerCreateRequest } from "../../../../src/engine/api-types.ts";
import { errorMessage } from "../../../../src/engine/json-message.ts";
import { DrydockError } from "../../../../src/errors/drydock-error.ts";
import { fakeEngine, iterate } from "../helpers/fake-engine.ts";
import { fakeSession, frame, runLine } from "../helpers/run-line.ts";

const ID = "a".repeat(64);

function runEngine(
  options: { exitCode?: number; missingImage?: boolean; startError?: string } = {},
) {
  let creates = 0;
  const requests: ContainerCreateRequest[] = [];
  const session = fakeSession([frame("stdout", "hello\n"), frame("stderr", "oops\n")]);
  const engine = fakeEngine({
    containerCreate: async (request) => {
      requests.push(request);
      creates++;
      if (options.missingImage === true && creates === 1) {
        throw new DrydockError("NotFound", `No such image: ${request.Image}`);
      }
      return { Id: ID, Warnings: [] };
    },
    imagePull: () =>
      iterate([
        { status: "Pulling from library/app", id: "latest" },
        { status: "Status: Downloaded newer image for app:latest" },
      ]),
    containerAttach: async () => session,
    containerWait: async () => ({ StatusCode: options.exitCode ?? 0, Error: null }),
    containerStart: async () => {
      if (options.startError !== undefined) throw new DrydockError("Internal", options.startError);
    },
  });
  return { engine, requests, session };
}

describe("docker run", () => {
  it("creates, attaches, waits, starts in the CLI's order and exits with the container's code", async () => {
    const { engine, requests, session } = runEngine({ exitCode: 3 });
    const result = await runLine(engine, [
      "run",
      "--rm",
      "-e",
      "K=V",
      "app",
      "sh",
      "-c",
      "echo hi",
    ]);
    assert.equal(result.exitCode, 3);
    assert.equal(result.stdout, "hello\n");
    assert.equal(result.stderr, "oops\n");
    assert.deepEqual(
      engine.calls.map(([name]) => name),
      ["containerCreate", "containerAttach", "containerWait", "containerStart"],
    );
    assert.deepEqual(engine.calls[2]![1][1], { condition: "removed" });
    const request = requests[0]!;
    assert.deepEqual(request.Cmd, ["sh", "-c", "echo hi"]);
    assert.deepEqual(request.Env, ["K=V"]);
    assert.equal(request.HostConfig?.AutoRemove, true);
    assert.equal(request.AttachStdout, true);
    assert.equal(request.AttachStdin, false);
    assert.equal(session.stdinClosed, true);
  });

  it("pulls a missing image after `Unable to find image` and creates again", async () => {
    const { engine } = runEngine({ missingImage: true });
    const result = await runLine(engine, ["run", "app"]);
    assert.equal(result.exitCode, 0);
    assert.equal(
      result.stderr,
      "Unable to find image 'app:latest' locally\nlatest: Pulling from library/app\nStatus: Downloaded newer image for app:latest\noops\n",
    );
    assert.deepEqual(
      engine.calls.slice(0, 3).map(([name]) => name),
      ["containerCreate", "imagePull", "containerCreate"],
    );
    assert.deepEqual(engine.calls[1]![1][0], { fromImage: "app", tag: "latest" });
  });

  it("does not pull with --pull=never: docker's error and exit 125", async () => {
    const { engine } = runEngine({ missingImage: true });
    const result = await runLine(engine, ["run", "--pull=never", "app:1"]);
    assert.equal(result.exitCode, 125);
    assert.equal(
      result.stderr,
      "docker: Error response from daemon: No such image: app:1\n\nRun 'docker run --help' for more information\n",
    );
  });

  it("prints the ID with -d and does not attach", async () => {
    const { engine, requests } = runEngine();
    const result = await runLine(engine, ["run", "-d", "--name", "web", "app"]);
    assert.equal(result.stdout, `${ID}\n`);
    assert.deepEqual(
      engine.calls.map(([name]) => name),
      ["containerCreate", "containerStart"],
    );
    assert.deepEqual(engine.calls[0]![1][1], { name: "web" });
    assert.equal(requests[0]!.AttachStdout, false);
  });

  it("maps start failures to 127 (not found) and 126 (cannot execute)", async () => {
    const notFound =
      'failed to create shim task: exec: "nope": executable file not found in $PATH: unknown';
    const denied = 'failed to create shim task: exec: "/etc": permission denied: unknown';
    for (const [message, code] of [
      [notFound, 127],
      [denied, 126],
      ["something else", 125],
    ] as const) {
      const { engine } = runEngine({ startError: message });
      const result = await runLine(engine, ["run", "app"]);
      assert.equal(result.exitCode, code);
      assert.equal(
        result.stderr,
        `docker: Error response from daemon: ${message}\n\nRun 'docker run --help' for more information\n`,
      );
    }
  });

  it("sends stdin with -i and half-closes it at the end", async () => {
    const { engine, requests, session } = runEngine();
    await runLine(engine, ["run", "-i", "app", "cat"], { stdin: "data\n" });
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(session.stdin, ["data\n"]);
    assert.equal(session.stdinClosed, true);
    assert.equal(requests[0]!.OpenStdin, true);
    assert.equal(requests[0]!.StdinOnce, true);
  });

  it("refuses -it without a terminal, as the CLI does", async () => {
    const { engine } = runEngine();
    const result = await runLine(engine, ["run", "-it", "app"]);
    assert.equal(result.exitCode, 1);
    assert.equal(result.stderr, "the input device is not a TTY\n");
  });

  it("rejects bad flag values with docker's words", async () => {
    const { engine } = runEngine();
    const pull = await runLine(engine, ["run", "--pull=bogus", "app"]);
    assert.equal(
      pull.stderr,
      `docker: invalid pull option: 'bogus': must be one of "always", "missing" or "never"\n\nRun 'docker run --help' for more information\n`,
    );
    const mount = await runLine(engine, ["run", "--mount", "type=volume", "app"]);
    assert.equal(mount.exitCode, 125);
    assert.match(
      mount.stderr,
      /^invalid argument "type=volume" for "--mount" flag: target is required\n/,
    );
    const restart = await runLine(engine, ["run", "--rm", "--restart=always", "app"]);
    assert.match(
      restart.stderr,
      /^docker: conflicting options: cannot specify both --restart and --rm\n/,
    );
    const port = await runLine(engine, ["run", "-p", "99999:80", "app"]);
    assert.match(port.stderr, /^docker: invalid hostPort: 99999\n/);
  });

  it("turns flags into the create request", async () => {
    const { engine, requests } = runEngine();
    await runLine(
      engine,
      [
        "run",
        "-d",
        "-p",
        "127.0.0.1:8080:80/tcp",
        "-v",
        "data:/data",
        "-v",
        "/anon",
        "--mount",
        "type=bind,src=/h,dst=/c,readonly",
        "-w",
        "/w",
        "-u",
        "1:2",
        "--entrypoint",
        "",
        "--restart",
        "on-failure:3",
        "--network",
        "net1",
        "-h",
        "box",
        "-l",
        "a=1",
        "--stop-signal",
        "SIGINT",
        "--stop-timeout",
        "7",
        "--init",
        "--read-only",
        "app",
        "x",
      ],
      { env: { HOME: "/root" } },
    );
    const request = requests[0]!;
    assert.deepEqual(request.ExposedPorts, { "80/tcp": {} });
    assert.deepEqual(request.HostConfig?.PortBindings, {
      "80/tcp": [{ HostIp: "127.0.0.1", HostPort: "8080" }],
    });
    assert.deepEqual(request.HostConfig?.Binds, ["data:/data"]);
    assert.deepEqual(request.Volumes, { "/anon": {} });
    assert.deepEqual(request.HostConfig?.Mounts, [
      { Type: "bind", Source: "/h", Target: "/c", ReadOnly: true },
    ]);
    assert.deepEqual(request.Entrypoint, [""]);
    assert.deepEqual(request.HostConfig?.RestartPolicy, {
      Name: "on-failure",
      MaximumRetryCount: 3,
    });
    assert.equal(request.HostConfig?.NetworkMode, "net1");
    assert.equal(request.Hostname, "box");
    assert.deepEqual(request.Labels, { a: "1" });
    assert.equal(request.StopSignal, "SIGINT");
    assert.equal(request.StopTimeout, 7);
    assert.equal(request.HostConfig?.Init, true);
    assert.equal(request.HostConfig?.ReadonlyRootfs, true);
    assert.equal(request.WorkingDir, "/w");
    assert.equal(request.User, "1:2");
  });

  it("ends the pull with the stream's error", async () => {
    const engine = fakeEngine({
      containerCreate: async (request) => {
        throw new DrydockError("NotFound", `No such image: ${request.Image}`);
      },
      imagePull: () =>
        iterate([
          errorMessage("manifest for x:latest not found: manifest unknown: manifest unknown"),
        ]),
    });
    const result = await runLine(engine, ["run", "x"]);
    assert.equal(result.exitCode, 125);
    assert.match(result.stderr, /docker: manifest for x:latest not found/);
  });
});
