import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { type EngineApiDaemon, startEngineApiDaemon } from "../../../src/node/engine-api-daemon.ts";

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  rawHeaders: string[];
  body: string;
}

function send(
  socketPath: string,
  method: string,
  path: string,
  body?: string | Buffer,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        socketPath,
        method,
        path,
        headers: body === undefined ? {} : { "content-type": "application/json" },
      },
      (res) => {
        const parts: Buffer[] = [];
        res.on("data", (chunk: Buffer) => parts.push(chunk));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            rawHeaders: res.rawHeaders,
            body: Buffer.concat(parts).toString(),
          }),
        );
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** Sends a raw upgrade request and returns everything the server writes until it closes. */
function hijack(socketPath: string, head: string, stdin: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = connect({ path: socketPath, allowHalfOpen: true });
    const parts: Buffer[] = [];
    let upgraded = false;
    socket.on("data", (chunk: Buffer) => {
      parts.push(chunk);
      if (!upgraded && Buffer.concat(parts).includes("\r\n\r\n")) {
        upgraded = true;
        socket.write(stdin);
        socket.end();
      }
    });
    socket.on("end", () => resolve(Buffer.concat(parts)));
    socket.on("error", reject);
    socket.write(head);
  });
}

describe("Engine API listener (unix socket, paced)", () => {
  let dir: string;
  let socket: string;
  let daemon: EngineApiDaemon;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "drydock-api-"));
    socket = join(dir, "d.sock");
    daemon = await startEngineApiDaemon({ address: { kind: "unix", path: socket }, seed: 3 });
  });
  after(async () => {
    await daemon.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("answers HEAD /_ping with sorted Go-style headers and no body", async () => {
    const answer = await send(socket, "HEAD", "/_ping");
    assert.equal(answer.status, 200);
    assert.equal(answer.headers["api-version"], "1.41");
    assert.equal(answer.headers["content-length"], "0");
    const names = answer.rawHeaders.filter((_, index) => index % 2 === 0);
    const ours = names.slice(0, names.indexOf("Content-Type") + 1);
    assert.deepEqual(ours, [...ours].sort());
  });

  it("lets virtual time follow wall time: sleep 1 takes about a second", async () => {
    const created = await send(
      socket,
      "POST",
      "/v1.41/containers/create?name=sleepy",
      JSON.stringify({ Image: "busybox", Cmd: ["sleep", "1"] }),
    );
    assert.equal(created.status, 201, created.body);
    const began = Date.now();
    const wait = send(socket, "POST", "/v1.41/containers/sleepy/wait?condition=next-exit");
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal((await send(socket, "POST", "/v1.41/containers/sleepy/start")).status, 204);
    assert.equal((await wait).body, '{"Error":null,"StatusCode":0}\n');
    const tookMs = Date.now() - began;
    assert.ok(tookMs >= 900 && tookMs < 3000, `took ${tookMs} ms`);
  });

  it("hijacks exec start: body read past the head, raw stdin, half-close, server FIN", async () => {
    const created = await send(
      socket,
      "POST",
      "/v1.41/containers/create?name=box",
      JSON.stringify({ Image: "busybox", Cmd: ["sleep", "60"] }),
    );
    assert.equal(created.status, 201);
    await send(socket, "POST", "/v1.41/containers/box/start");
    const exec = await send(
      socket,
      "POST",
      "/v1.41/containers/box/exec",
      JSON.stringify({ AttachStdin: true, AttachStdout: true, Cmd: ["cat"] }),
    );
    const { Id } = JSON.parse(exec.body);
    const body = '{"Detach":false,"Tty":false}\n';
    const head = `POST /v1.41/exec/${Id}/start HTTP/1.1\r\nHost: api.moby.localhost\r\nContent-Length: ${body.length}\r\nConnection: Upgrade\r\nContent-Type: application/json\r\nUpgrade: tcp\r\n\r\n${body}`;
    const raw = await hijack(socket, head, "piped\n");
    const split = raw.indexOf("\r\n\r\n");
    const headText = raw.subarray(0, split).toString();
    assert.match(
      headText,
      /^HTTP\/1\.1 101 UPGRADED\r\nContent-Type: application\/vnd\.docker\.raw-stream\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n/,
    );
    const frames = raw.subarray(split + 4);
    assert.deepEqual([...frames.subarray(0, 8)], [1, 0, 0, 0, 0, 0, 0, 6]);
    assert.equal(frames.subarray(8).toString(), "piped\n");
    // A running container would make the daemon's shutdown wait out its stop timeout.
    assert.equal((await send(socket, "DELETE", "/v1.41/containers/box?force=1")).status, 204);
  });

  it("answers an upgrade request that fails before the hijack with a plain error", async () => {
    const head =
      "POST /v1.41/containers/nosuch/attach?stream=1&stdout=1 HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n";
    const raw = (await hijack(socket, head, "")).toString();
    assert.match(raw, /^HTTP\/1\.1 404 Not Found\r\n/);
    assert.ok(raw.endsWith('{"message":"No such container: nosuch"}\n'));
  });

  it("refuses JSON bodies past the limit with 413", async () => {
    const big = Buffer.alloc(5 * 1024 * 1024, 0x20);
    const answer = await send(socket, "POST", "/v1.41/containers/create", big);
    assert.equal(answer.status, 413);
    assert.match(JSON.parse(answer.body).message, /request body exceeds the limit/);
  });
});

describe("Engine API listener (loopback TCP)", () => {
  it("listens on an ephemeral loopback port and reports it", async () => {
    const { listenEngineApi } = await import("../../../src/node/engine-api-listener.ts");
    const { EngineApiHandler } = await import("../../../src/server/engine-api-handler.ts");
    const engine = {
      ping: async () => ({ apiVersion: "1.41", osType: "linux", experimental: false }),
    };
    const handler = new EngineApiHandler({
      caller: { call: (work) => work(engine as never) },
      identity: {
        apiVersion: "1.41",
        minApiVersion: "1.12",
        server: "Docker/test (linux)",
        experimental: false,
        osType: "linux",
      },
    });
    const listener = await listenEngineApi({
      handler,
      address: { kind: "tcp", host: "127.0.0.1", port: 0 },
    });
    try {
      const port = Number(/:(\d+)$/.exec(listener.url)?.[1]);
      assert.ok(port > 0, listener.url);
      const text = await (await fetch(`http://127.0.0.1:${port}/v1.41/_ping`)).text();
      assert.equal(text, "OK");
    } finally {
      await listener.close();
    }
  });
});
