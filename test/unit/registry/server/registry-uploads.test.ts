import assert from "node:assert/strict";
import { test } from "node:test";
import { decoder, newRegistry, send, targetOf, upload } from "./server-helpers.ts";

const HELLO = "sha256:b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9";

test("an upload session answers as 2.8.2: 202, Location with _state, Range, UUID", () => {
  const { registry } = newRegistry();
  const started = send(registry, "POST", "/v2/t1/blobs/uploads/", {
    headers: { "content-length": "0" },
  });
  assert.equal(started.status, 202);
  const uuid = started.headers["docker-upload-uuid"]!;
  assert.match(uuid, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(started.headers.range, "0-0");
  assert.equal(started.headers["content-length"], "0");
  assert.equal(started.headers["docker-distribution-api-version"], "registry/2.0");
  const location = started.headers.location!;
  assert.match(
    location,
    new RegExp(`^http://localhost:5000/v2/t1/blobs/uploads/${uuid}\\?_state=[A-Za-z0-9_%-]+$`),
  );
  // The state is base64url(HMAC ‖ JSON), the JSON as 2.8.2 writes it.
  const state = decodeURIComponent(new URL(location).searchParams.get("_state")!);
  const json = decoder.decode(Buffer.from(state, "base64url").subarray(32));
  assert.equal(
    json,
    `{"Name":"t1","UUID":"${uuid}","Offset":0,"StartedAt":"2026-01-01T00:00:00Z"}`,
  );

  const patched = send(registry, "PATCH", targetOf(location), { body: "hello" });
  assert.equal(patched.status, 202);
  assert.equal(patched.headers.range, "0-4");
  const ranged = send(registry, "PATCH", targetOf(patched.headers.location), {
    headers: { "content-type": "application/octet-stream", "content-range": "5-5" },
    body: " ",
  });
  assert.equal(ranged.headers.range, "0-5");
  const status = send(registry, "GET", targetOf(ranged.headers.location));
  assert.equal(status.status, 204);
  assert.equal(status.headers.range, "0-5");
  assert.equal(status.headers["content-length"], undefined);
  const put = send(
    registry,
    "PUT",
    `${targetOf(ranged.headers.location)}&digest=${encodeURIComponent(HELLO)}`,
    { body: "world" },
  );
  assert.equal(put.status, 201);
  assert.equal(put.headers.location, `http://localhost:5000/v2/t1/blobs/${HELLO}`);
  assert.equal(put.headers["docker-content-digest"], HELLO);
  const again = send(registry, "PUT", `${targetOf(ranged.headers.location)}&digest=${HELLO}`);
  assert.equal(
    decoder.decode(again.body),
    '{"errors":[{"code":"BLOB_UPLOAD_UNKNOWN","message":"blob upload unknown to registry","detail":{}}]}\n',
  );
  assert.equal(again.status, 404);
});

test("stale or missing states, bad content types and digests fail as 2.8.2's", () => {
  const { registry } = newRegistry();
  const started = send(registry, "POST", "/v2/t1/blobs/uploads/");
  const first = targetOf(started.headers.location);
  const next = targetOf(send(registry, "PATCH", first, { body: "hello" }).headers.location);
  const stale = send(registry, "PATCH", first, { body: "again" });
  assert.equal(stale.status, 404);
  assert.equal(
    decoder.decode(stale.body),
    '{"errors":[{"code":"BLOB_UPLOAD_INVALID","message":"blob upload invalid"}]}\n',
  );
  const stateless = send(registry, "GET", first.split("?")[0]!);
  assert.equal(
    decoder.decode(stateless.body),
    '{"errors":[{"code":"BLOB_UPLOAD_INVALID","message":"blob upload invalid","detail":{}}]}\n',
  );
  const badType = send(registry, "PATCH", next, {
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "x",
  });
  assert.equal(badType.status, 500);
  assert.equal(
    decoder.decode(badType.body),
    '{"errors":[{"code":"UNKNOWN","message":"unknown error","detail":{}}]}\n',
  );
  const zero = `sha256:${"0".repeat(64)}`;
  const mismatch = send(registry, "PUT", `${next}&digest=${zero}`);
  assert.equal(mismatch.status, 400);
  assert.equal(
    decoder.decode(mismatch.body),
    `{"errors":[{"code":"DIGEST_INVALID","message":"provided digest did not match uploaded content","detail":{"Digest":"${zero}","Reason":{}}}]}\n`,
  );
  assert.equal(send(registry, "GET", next).status, 204, "a failed commit keeps the session");
  assert.match(decoder.decode(send(registry, "PUT", next).body), /"detail":"digest missing"/);
  assert.match(
    decoder.decode(send(registry, "PUT", `${next}&digest=sha256:zz`).body),
    /"detail":"digest parsing failed"/,
  );
  const cancelled = send(registry, "DELETE", next);
  assert.equal(cancelled.status, 204);
  assert.equal(cancelled.headers["docker-upload-uuid"], started.headers["docker-upload-uuid"]);
  assert.equal(send(registry, "DELETE", next).status, 404);
  assert.equal(registry.stats().uploadSessionCount, 0);
});

test("POST with ?digest= opens a session, as 2.8.2 does (no monolithic upload)", () => {
  const { registry } = newRegistry();
  const posted = send(registry, "POST", `/v2/t1/blobs/uploads/?digest=${HELLO}`, {
    body: "hello world",
  });
  assert.equal(posted.status, 202);
  assert.equal(posted.headers.range, "0-0");
  assert.equal(send(registry, "HEAD", `/v2/t1/blobs/${HELLO}`).status, 404);
});

test("blobs are served with 2.8.2's headers, single ranges as 206, unsatisfiable ones as 416", () => {
  const { registry } = newRegistry();
  const digest = upload(registry, "t1", "hello world");
  const head = send(registry, "HEAD", `/v2/t1/blobs/${digest}`);
  assert.deepEqual(head.headers, {
    "docker-distribution-api-version": "registry/2.0",
    "accept-ranges": "bytes",
    "cache-control": "max-age=31536000",
    "content-length": "11",
    "content-type": "application/octet-stream",
    "docker-content-digest": digest,
    etag: `"${digest}"`,
  });
  assert.equal(head.body.length, 0);
  assert.equal(decoder.decode(send(registry, "GET", `/v2/t1/blobs/${digest}`).body), "hello world");
  const cases: [string, number, string, string][] = [
    ["bytes=2-4", 206, "bytes 2-4/11", "llo"],
    ["bytes=6-", 206, "bytes 6-10/11", "world"],
    ["bytes=-3", 206, "bytes 8-10/11", "rld"],
    ["bytes=50-60", 416, "bytes */11", "invalid ran"],
  ];
  for (const [range, status, contentRange, body] of cases) {
    const response = send(registry, "GET", `/v2/t1/blobs/${digest}`, { headers: { range } });
    assert.equal(response.status, status, range);
    assert.equal(response.headers["content-range"], contentRange, range);
    assert.equal(decoder.decode(response.body), body, range);
  }
  const unknown = send(registry, "GET", `/v2/other/blobs/${digest}`);
  assert.equal(unknown.status, 404);
  assert.equal(
    decoder.decode(unknown.body),
    `{"errors":[{"code":"BLOB_UNKNOWN","message":"blob unknown to registry","detail":"${digest}"}]}\n`,
  );
  assert.equal(unknown.headers["content-length"], "157");
  assert.equal(send(registry, "GET", "/v2/t1/blobs/sha256:abc").status, 400);
});

test("blob size and session limits answer with spec-shaped errors", () => {
  const { registry } = newRegistry({ limits: { blobSizeBytesMax: 4, uploadSessionCountMax: 1 } });
  const started = send(registry, "POST", "/v2/t1/blobs/uploads/");
  const tooBig = send(registry, "PATCH", targetOf(started.headers.location), { body: "hello" });
  assert.equal(tooBig.status, 400);
  assert.match(decoder.decode(tooBig.body), /"code":"SIZE_INVALID"/);
  const second = send(registry, "POST", "/v2/t1/blobs/uploads/");
  assert.equal(second.status, 429);
  assert.match(decoder.decode(second.body), /"code":"TOOMANYREQUESTS"/);
});
