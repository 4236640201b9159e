import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { ApiResponse } from "../../../src/server/api-exchange.ts";
import {
  bodyOf,
  concat,
  contextTar,
  header,
  openServedWorld,
  type ServedWorld,
  statusOf,
  textOf,
} from "./served-world.ts";

const JSON_HEADERS = { "content-type": "application/json" };

async function create(world: ServedWorld, body: object, name?: string): Promise<string> {
  const target = `/v1.41/containers/create${name === undefined ? "" : `?name=${name}`}`;
  const response = await world.send("POST", target, {
    body: JSON.stringify(body),
    headers: JSON_HEADERS,
  });
  assert.equal(statusOf(response), 201, await textOf(response));
  const created = JSON.parse(await textOf(response));
  assert.deepEqual(created.Warnings, []);
  return created.Id;
}

async function hijackOutput(response: ApiResponse): Promise<Uint8Array> {
  assert.equal(response.kind, "hijack");
  if (response.kind !== "hijack") return new Uint8Array(0);
  const parts: Uint8Array[] = [];
  for await (const chunk of response.pipe.output) parts.push(chunk);
  return concat(parts);
}

/** stdcopy frames as `[stream, text]` pairs. */
function frames(bytes: Uint8Array): [number, string][] {
  const out: [number, string][] = [];
  let at = 0;
  while (at < bytes.length) {
    const size = new DataView(bytes.buffer, bytes.byteOffset + at + 4, 4).getUint32(0);
    out.push([bytes[at]!, new TextDecoder().decode(bytes.subarray(at + 8, at + 8 + size))]);
    at += 8 + size;
  }
  return out;
}

describe("container routes", () => {
  let world: ServedWorld;
  before(async () => {
    world = await openServedWorld();
  });
  after(() => world.close());

  it("runs `docker run --rm` as the CLI does: attach, wait (headers first), start", async () => {
    const id = await create(world, {
      Image: "busybox",
      Cmd: ["sh", "-c", "echo out; echo err >&2; exit 3"],
      AttachStdout: true,
      AttachStderr: true,
      HostConfig: { AutoRemove: true },
    });
    const attach = await world.send(
      "POST",
      `/v1.41/containers/${id}/attach?stderr=1&stdout=1&stream=1`,
    );
    assert.equal(header(attach, "Content-Type"), "application/vnd.docker.raw-stream");
    const wait = await world.send("POST", `/v1.41/containers/${id}/wait?condition=removed`);
    assert.equal(wait.kind, "stream");
    const start = await world.send("POST", `/v1.41/containers/${id}/start`);
    assert.equal(statusOf(start), 204);
    assert.deepEqual(frames(await hijackOutput(attach)), [
      [1, "out\n"],
      [2, "err\n"],
    ]);
    assert.equal(await textOf(wait), '{"Error":null,"StatusCode":3}\n');
    const gone = await world.send("GET", `/v1.41/containers/${id}/json`);
    assert.equal(statusOf(gone), 404);
  });

  it("answers 304 for starting a running or stopping a stopped container", async () => {
    const id = await create(world, { Image: "busybox", Cmd: ["sleep", "100"] }, "sleeper");
    assert.equal(statusOf(await world.send("POST", "/v1.41/containers/sleeper/start")), 204);
    assert.equal(statusOf(await world.send("POST", "/v1.41/containers/sleeper/start")), 304);
    assert.equal(statusOf(await world.send("POST", "/v1.41/containers/sleeper/stop?t=0")), 204);
    assert.equal(statusOf(await world.send("POST", `/v1.41/containers/${id}/stop`)), 304);
    const list = JSON.parse(await textOf(await world.send("GET", "/v1.41/containers/json?all=1")));
    assert.deepEqual(
      list.map((c: { Names: string[] }) => c.Names),
      [["/sleeper"]],
    );
    assert.equal(statusOf(await world.send("DELETE", "/v1.41/containers/sleeper?force=1")), 204);
  });

  it("answers prunes in dockerd's shape, null when nothing went", async () => {
    const id = await create(world, { Image: "busybox", Cmd: ["true"] }, "pruned");
    const first = await world.send("POST", "/v1.41/containers/prune");
    assert.deepEqual(JSON.parse(await textOf(first)), {
      ContainersDeleted: [id],
      SpaceReclaimed: 0,
    });
    const again = await world.send("POST", "/v1.41/containers/prune");
    assert.deepEqual(JSON.parse(await textOf(again)), {
      ContainersDeleted: null,
      SpaceReclaimed: 0,
    });
    // The pruned container is gone: dockerd answers stats with a 404 (curl, 2026-11-28).
    const stats = await world.send("GET", `/v1.41/containers/${id}/stats?stream=0`);
    assert.equal(statusOf(stats), 404);
    assert.equal(await textOf(stats), `{"message":"No such container: ${id}"}\n`);
  });

  it("streams logs as stdcopy frames without a content type, timestamps on request", async () => {
    await create(world, { Image: "busybox", Cmd: ["sh", "-c", "echo a; echo b >&2"] }, "logger");
    await world.send("POST", "/v1.41/containers/logger/start");
    await textOf(await world.send("POST", "/v1.41/containers/logger/wait"));
    const logs = await world.send(
      "GET",
      "/v1.41/containers/logger/logs?stdout=1&stderr=1&tail=all",
    );
    assert.equal(header(logs, "Content-Type"), undefined);
    assert.deepEqual(frames(await bodyOf(logs)), [
      [1, "a\n"],
      [2, "b\n"],
    ]);
    const stamped = frames(
      await bodyOf(await world.send("GET", "/v1.41/containers/logger/logs?stdout=1&timestamps=1")),
    );
    assert.match(stamped[0]![1], /^\d{4}-\d\d-\d\dT[\d:.]+Z a\n$/);
    const none = await world.send("GET", "/v1.41/containers/logger/logs");
    assert.equal(statusOf(none), 400);
  });

  it("runs exec: create 201, hijacked start with stdin, inspect with the exit code", async () => {
    await create(world, { Image: "busybox", Cmd: ["sleep", "100"] }, "host");
    await world.send("POST", "/v1.41/containers/host/start");
    const created = await world.send("POST", "/v1.41/containers/host/exec", {
      body: JSON.stringify({
        AttachStdin: true,
        AttachStdout: true,
        AttachStderr: true,
        Cmd: ["sh", "-c", "cat; exit 4"],
      }),
      headers: JSON_HEADERS,
    });
    assert.equal(statusOf(created), 201);
    const { Id } = JSON.parse(await textOf(created));
    const start = await world.send("POST", `/v1.41/exec/${Id}/start`, {
      body: '{"Detach":false,"Tty":false}\n',
      headers: JSON_HEADERS,
    });
    assert.equal(header(start, "Upgrade"), "tcp");
    assert.equal(header(start, "Api-Version"), "1.41");
    if (start.kind !== "hijack") return;
    start.pipe.input(new TextEncoder().encode("typed\n"));
    start.pipe.inputEnd();
    assert.deepEqual(frames(await hijackOutput(start)), [[1, "typed\n"]]);
    const inspect = JSON.parse(await textOf(await world.send("GET", `/v1.41/exec/${Id}/json`)));
    assert.equal(inspect.ExitCode, 4);
    assert.equal(inspect.Running, false);
  });

  it("copies files in and out with the path stat header", async () => {
    const archive = contextTar({ "note.txt": "hello\n" });
    const put = await world.send("PUT", "/v1.41/containers/host/archive?path=/", {
      body: archive,
      headers: { "content-type": "application/x-tar" },
    });
    assert.equal(statusOf(put), 200, await textOf(put));
    const head = await world.send("HEAD", "/v1.41/containers/host/archive?path=/note.txt");
    const stat = JSON.parse(atob(header(head, "X-Docker-Container-Path-Stat") ?? ""));
    assert.deepEqual([stat.name, stat.size, stat.linkTarget], ["note.txt", 6, ""]);
    const get = await world.send("GET", "/v1.41/containers/host/archive?path=/note.txt");
    assert.equal(header(get, "Content-Type"), "application/x-tar");
    assert.ok(new TextDecoder().decode(await bodyOf(get)).includes("hello\n"));
    const diff = JSON.parse(
      await textOf(await world.send("GET", "/v1.41/containers/host/changes")),
    );
    assert.ok(diff.some((change: { Path: string }) => change.Path === "/note.txt"));
    const missing = await world.send("HEAD", "/v1.41/containers/host/archive?path=/nope");
    assert.equal(statusOf(missing), 404);
  });
});
