import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  bodyOf,
  contextTar,
  header,
  openServedWorld,
  type ServedWorld,
  statusOf,
  textOf,
} from "./served-world.ts";

const TAR = { "content-type": "application/x-tar" };

function lines(text: string, separator: string): unknown[] {
  assert.ok(text.endsWith(separator), "every message ends with the separator");
  return text
    .slice(0, -separator.length)
    .split(separator)
    .map((line) => JSON.parse(line));
}

describe("image routes", () => {
  let world: ServedWorld;
  before(async () => {
    world = await openServedWorld();
  });
  after(() => world.close());

  it("builds from a tar context as a \\r\\n-separated JSON stream (classic builder)", async () => {
    const context = contextTar({
      Dockerfile: 'FROM busybox\nRUN echo built > /b.txt\nCMD ["cat","/b.txt"]\n',
    });
    const response = await world.send(
      "POST",
      "/v1.41/build?dockerfile=Dockerfile&t=localhost%3A5000%2Fapp%3A1&version=1",
      { body: context, headers: { ...TAR, "x-registry-config": "e30=" } },
    );
    assert.equal(header(response, "Content-Type"), "application/json");
    const text = await textOf(response);
    assert.ok(text.includes('{"stream":" ---\\u003e '), "Go escapes > as \\u003e");
    const messages = lines(text, "\r\n") as { stream?: string; aux?: { ID: string } }[];
    assert.equal(messages[0]?.stream, "Step 1/3 : FROM busybox");
    assert.match(messages.find((m) => m.aux !== undefined)?.aux?.ID ?? "", /^sha256:[0-9a-f]{64}$/);
    assert.equal(messages.at(-1)?.stream, "Successfully tagged localhost:5000/app:1\n");
  });

  it("ends a failing build with errorDetail and its exit code, status 200", async () => {
    const context = contextTar({ Dockerfile: "FROM busybox\nRUN exit 3\n" });
    const response = await world.send("POST", "/v1.41/build?t=broken", {
      body: context,
      headers: TAR,
    });
    assert.equal(statusOf(response), 200);
    const last = lines(await textOf(response), "\r\n").at(-1) as { errorDetail: { code: number } };
    assert.equal(last.errorDetail.code, 3);
  });

  it("pushes, removes and pulls back through the world's localhost:5000", async () => {
    const push = await world.send("POST", "/v1.41/images/localhost:5000/app/push?tag=1", {
      headers: { "x-registry-auth": "e30=" },
    });
    const pushed = lines(await textOf(push), "\r\n") as { status?: string; aux?: object }[];
    assert.equal(pushed[0]?.status, "The push refers to repository [localhost:5000/app]");
    assert.ok(pushed.some((m) => m.aux !== undefined && "Digest" in m.aux));
    const removed = await world.send("DELETE", "/v1.41/images/localhost:5000/app:1");
    assert.equal(statusOf(removed), 200);
    assert.deepEqual((JSON.parse(await textOf(removed)) as object[])[0], {
      Untagged: "localhost:5000/app:1",
    });
    const pull = await world.send(
      "POST",
      "/v1.41/images/create?fromImage=localhost%3A5000%2Fapp&tag=1",
    );
    const pulled = lines(await textOf(pull), "\r\n") as { status?: string }[];
    assert.equal(pulled.at(-1)?.status, "Status: Downloaded newer image for localhost:5000/app:1");
    const list = JSON.parse(await textOf(await world.send("GET", "/v1.41/images/json")));
    assert.ok(
      list.some((image: { RepoTags: string[] }) => image.RepoTags.includes("localhost:5000/app:1")),
    );
  });

  it("answers errors raised before a stream's first message as plain HTTP errors", async () => {
    const push = await world.send("POST", "/v1.41/images/localhost:5000/none/push?tag=1");
    assert.equal(statusOf(push), 400);
    assert.deepEqual(JSON.parse(await textOf(push)), {
      message: "Bad parameters and missing X-Registry-Auth: EOF",
    });
    const pull = await world.send(
      "POST",
      "/v1.41/images/create?fromImage=localhost%3A5000%2Fnope&tag=1",
    );
    assert.equal(statusOf(pull), 404);
    assert.match(JSON.parse(await textOf(pull)).message, /manifest unknown/);
  });

  it("ends a push of a missing image inside the stream, after its first line, as dockerd", async () => {
    const push = await world.send("POST", "/v1.41/images/localhost:5000/none/push?tag=1", {
      headers: { "x-registry-auth": "e30=" },
    });
    assert.equal(statusOf(push), 200);
    const message = "An image does not exist locally with the tag: localhost:5000/none";
    assert.deepEqual(lines(await textOf(push), "\r\n"), [
      { status: "The push refers to repository [localhost:5000/none]" },
      { errorDetail: { message }, error: message },
    ]);
  });

  it("tags (201, no content type), saves and loads", async () => {
    const tag = await world.send("POST", "/v1.41/images/busybox/tag?repo=copy&tag=2");
    assert.equal(statusOf(tag), 201);
    assert.equal(header(tag, "Content-Type"), undefined);
    const save = await world.send("GET", "/v1.41/images/get?names=copy%3A2");
    assert.equal(header(save, "Content-Type"), "application/x-tar");
    const archive = await bodyOf(save);
    await world.send("DELETE", "/v1.41/images/copy:2");
    const load = await world.send("POST", "/v1.41/images/load?quiet=1", {
      body: archive,
      headers: TAR,
    });
    assert.deepEqual(lines(await textOf(load), "\r\n"), [{ stream: "Loaded image: copy:2\n" }]);
  });

  it("streams events between since and until, timeNano exact, \\n-separated", async () => {
    const response = await world.send(
      "GET",
      "/v1.41/events?since=0&until=4102444800&filters=%7B%22type%22%3A%7B%22image%22%3Atrue%7D%7D",
    );
    const text = await textOf(response);
    const raw = text.split("\n").filter((line) => line !== "");
    assert.ok(raw.length > 0);
    for (const line of raw) {
      const event = JSON.parse(line);
      assert.equal(event.Type, "image");
      const nano = /"timeNano":(\d+)}$/.exec(line)?.[1] ?? "";
      assert.equal(BigInt(nano) / 1_000_000_000n, BigInt(event.time));
    }
  });
});
