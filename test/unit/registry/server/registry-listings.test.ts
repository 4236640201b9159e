import assert from "node:assert/strict";
import { test } from "node:test";
import { VirtualClock } from "../../../../src/clock/virtual-clock.ts";
import { ClockTracer, MemoryTraceSink } from "../../../../src/trace/tracer.ts";
import { DOCKER_V2, decoder, newRegistry, pushImage, send, upload } from "./server-helpers.ts";

test("catalog: sorted, n per page with a Link while more remain, last, n above the maximum refused", () => {
  const { registry } = newRegistry();
  for (const name of ["m1", "t1", "a/b"]) upload(registry, name, `blob of ${name}`);
  send(registry, "POST", "/v2/onlyup/blobs/uploads/");
  const all = send(registry, "GET", "/v2/_catalog");
  assert.equal(decoder.decode(all.body), '{"repositories":["a/b","m1","t1"]}\n');
  assert.equal(all.headers["content-type"], "application/json; charset=utf-8");
  const first = send(registry, "GET", "/v2/_catalog?n=1");
  assert.equal(decoder.decode(first.body), '{"repositories":["a/b"]}\n');
  assert.equal(first.headers.link, '</v2/_catalog?last=a%2Fb&n=1>; rel="next"');
  const rest = send(registry, "GET", "/v2/_catalog?last=a%2Fb&n=2");
  assert.equal(decoder.decode(rest.body), '{"repositories":["m1","t1"]}\n');
  assert.equal(rest.headers.link, undefined, "no Link when exactly n remained");
  assert.equal(
    decoder.decode(send(registry, "GET", "/v2/_catalog?n=0").body),
    '{"repositories":[]}\n',
  );
  assert.equal(
    decoder.decode(send(registry, "GET", "/v2/_catalog?last=zz").body),
    '{"repositories":[]}\n',
  );
  assert.equal(
    decoder.decode(send(registry, "GET", "/v2/_catalog?n=x").body),
    '{"repositories":["a/b","m1","t1"]}\n',
  );
  const tooMany = send(registry, "GET", "/v2/_catalog?n=2000");
  assert.equal(tooMany.status, 400);
  assert.equal(
    decoder.decode(tooMany.body),
    '{"errors":[{"code":"PAGINATION_NUMBER_INVALID","message":"invalid number of results requested","detail":{"n":2000}}]}\n',
  );
});

test("tags: NAME_UNKNOWN until a tag exists, 2.8.2 ignores n and last, OCI paging on request", () => {
  const { registry } = newRegistry();
  upload(registry, "m1", "untagged");
  assert.equal(
    decoder.decode(send(registry, "GET", "/v2/m1/tags/list").body),
    '{"errors":[{"code":"NAME_UNKNOWN","message":"repository name not known to registry","detail":{"name":"m1"}}]}\n',
  );
  for (const tag of ["b", "v1", "c", "a", "d"]) pushImage(registry, "m1", tag);
  const everything = '{"name":"m1","tags":["a","b","c","d","v1"]}\n';
  assert.equal(decoder.decode(send(registry, "GET", "/v2/m1/tags/list").body), everything);
  assert.equal(
    decoder.decode(send(registry, "GET", "/v2/m1/tags/list?n=2&last=b").body),
    everything,
  );
  const paged = newRegistry({ tagsPagination: true }).registry;
  for (const tag of ["b", "v1", "c", "a", "d"]) pushImage(paged, "m1", tag);
  const page1 = send(paged, "GET", "/v2/m1/tags/list?n=2");
  assert.equal(decoder.decode(page1.body), '{"name":"m1","tags":["a","b"]}\n');
  assert.equal(page1.headers.link, '</v2/m1/tags/list?last=b&n=2>; rel="next"');
  const page3 = send(paged, "GET", "/v2/m1/tags/list?n=2&last=d");
  assert.equal(decoder.decode(page3.body), '{"name":"m1","tags":["v1"]}\n');
  assert.equal(page3.headers.link, undefined);
});

test("routing: unknown paths and names as 2.8.2's router, long names NAME_INVALID, no slow regexes", () => {
  const { registry } = newRegistry();
  const base = send(registry, "GET", "/v2/");
  assert.deepEqual(
    [base.status, decoder.decode(base.body), base.headers["content-length"]],
    [200, "{}", "2"],
  );
  for (const target of [
    "/v2/UPPER/tags/list",
    "/v2/a..b/blobs/sha256:00",
    "/v1/",
    "/v2/x/manifests/-bad",
  ]) {
    const response = send(registry, "GET", target);
    assert.deepEqual(
      [response.status, decoder.decode(response.body)],
      [404, "404 page not found\n"],
      target,
    );
    assert.equal(response.headers["content-type"], "text/plain; charset=utf-8");
  }
  const long = send(registry, "GET", `/v2/${"a".repeat(256)}/tags/list`);
  assert.equal(long.status, 400);
  assert.match(decoder.decode(long.body), /"code":"NAME_INVALID"/);
  const started = Date.now();
  send(registry, "GET", `/v2/${"a-".repeat(2000)}!/tags/list`);
  assert.ok(Date.now() - started < 1000, "route patterns must not backtrack exponentially");
});

test("a request rate limit per client and virtual second answers TOOMANYREQUESTS", () => {
  const { registry, clock } = newRegistry({ limits: { requestsPerSecondMax: 2 } });
  const from = (client: string) =>
    send(registry, "GET", "/v2/", { headers: { "x-forwarded-for": client } }).status;
  assert.deepEqual([from("a"), from("a"), from("a"), from("b")], [200, 200, 429, 200]);
  clock.advanceBy(1_000_000);
  assert.equal(from("a"), 200);
});

test("trace events name the client of x-forwarded-for (none without it)", () => {
  const trace = new MemoryTraceSink();
  const clock = new VirtualClock();
  const tracer = new ClockTracer({ clock, sinks: [trace.sink] });
  const { registry } = newRegistry({ clock, tracer });
  pushImage(registry, "app", "v1");
  send(registry, "GET", "/v2/app/manifests/v1", {
    headers: { "x-forwarded-for": "runner", accept: DOCKER_V2 },
  });
  const clients = trace.events.map((event) => `${event.kind} ${String(event.data?.client)}`);
  assert.equal(clients.at(-2), "registry.manifest.put undefined");
  assert.equal(clients.at(-1), "registry.manifest.get runner");
  assert.equal(Object.keys(trace.events.at(-1)?.data ?? {})[0], "client");
});
