import assert from "node:assert/strict";
import { test } from "node:test";
import { type Digest, digestOf } from "../../../../src/digest/digest.ts";
import {
  DOCKER_V2,
  decoder,
  dockerManifest,
  encoder,
  newRegistry,
  OCI_MANIFEST,
  pushImage,
  send,
  upload,
} from "./server-helpers.ts";

const OCI_INDEX = "application/vnd.oci.image.index.v1+json";
const DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
const ZERO = `sha256:${"0".repeat(64)}` as Digest;
const ONE = `sha256:${"1".repeat(64)}` as Digest;

test("a pushed manifest is served by tag and digest with 2.8.2's headers", () => {
  const { registry } = newRegistry();
  const digest = pushImage(registry, "mini", "1");
  for (const reference of ["1", digest]) {
    const head = send(registry, "HEAD", `/v2/mini/manifests/${reference}`, {
      headers: { accept: DOCKER_V2 },
    });
    assert.equal(head.status, 200);
    assert.equal(head.headers["content-type"], DOCKER_V2);
    assert.equal(head.headers["docker-content-digest"], digest);
    assert.equal(head.headers.etag, `"${digest}"`);
    assert.equal(head.body.length, 0);
    const get = send(registry, "GET", `/v2/mini/manifests/${reference}`, {
      headers: { accept: DOCKER_V2 },
    });
    assert.equal(digestOf(get.body), digest);
    assert.equal(get.headers["content-length"], String(get.body.length));
  }
  const unknownTag = send(registry, "GET", "/v2/mini/manifests/nope", {
    headers: { accept: DOCKER_V2 },
  });
  assert.equal(
    decoder.decode(unknownTag.body),
    '{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown","detail":{"Tag":"nope"}}]}\n',
  );
  const unknownDigest = send(registry, "GET", `/v2/mini/manifests/${ZERO}`);
  assert.equal(
    decoder.decode(unknownDigest.body),
    `{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown","detail":{"Name":"mini","Revision":"${ZERO}"}}]}\n`,
  );
  assert.equal(send(registry, "PUT", "/v2/mini/manifests/-bad").status, 404);
});

test("content negotiation: schema 2 by tag needs its Accept, OCI types are refused unless accepted", () => {
  const { registry } = newRegistry();
  const docker = pushImage(registry, "t1", "docker");
  const noAccept = send(registry, "GET", "/v2/t1/manifests/docker");
  assert.equal(noAccept.status, 400);
  assert.equal(
    decoder.decode(noAccept.body),
    '{"errors":[{"code":"MANIFEST_INVALID","message":"manifest invalid","detail":{}}]}\n',
  );
  assert.equal(
    send(registry, "GET", `/v2/t1/manifests/${docker}`, { headers: { accept: OCI_MANIFEST } })
      .status,
    200,
  );
  const manifest = JSON.parse(
    decoder.decode(send(registry, "GET", `/v2/t1/manifests/${docker}`).body),
  );
  const oci = JSON.stringify({ ...manifest, mediaType: OCI_MANIFEST });
  const put = send(registry, "PUT", "/v2/t1/manifests/oci", {
    headers: { "content-type": OCI_MANIFEST },
    body: oci,
  });
  assert.equal(put.status, 201);
  const refused = send(registry, "GET", "/v2/t1/manifests/oci", { headers: { accept: DOCKER_V2 } });
  assert.equal(
    decoder.decode(refused.body),
    '{"errors":[{"code":"MANIFEST_UNKNOWN","message":"OCI manifest found, but accept header does not support OCI manifests"}]}\n',
  );
  const ociDigest = digestOf(encoder.encode(oci));
  const entry = {
    mediaType: OCI_MANIFEST,
    size: oci.length,
    digest: ociDigest,
    platform: { architecture: "amd64", os: "linux" },
  };
  const index = JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: [entry] });
  assert.equal(
    send(registry, "PUT", "/v2/t1/manifests/idx", {
      headers: { "content-type": OCI_INDEX },
      body: index,
    }).status,
    201,
  );
  const indexRefused = send(registry, "GET", "/v2/t1/manifests/idx", {
    headers: { accept: OCI_MANIFEST },
  });
  assert.match(
    decoder.decode(indexRefused.body),
    /OCI index found, but accept header does not support OCI indexes/,
  );
  const list = JSON.stringify({ schemaVersion: 2, mediaType: DOCKER_LIST, manifests: [entry] });
  assert.equal(
    send(registry, "PUT", "/v2/t1/manifests/dl", {
      headers: { "content-type": DOCKER_LIST },
      body: list,
    }).status,
    201,
  );
  const picked = send(registry, "GET", "/v2/t1/manifests/dl", { headers: { accept: DOCKER_V2 } });
  assert.equal(
    picked.headers["docker-content-digest"],
    ociDigest,
    "2.8.2 serves the linux/amd64 entry",
  );
  const whole = send(registry, "GET", "/v2/t1/manifests/dl", {
    headers: { accept: `${DOCKER_LIST}; q=0.5` },
  });
  assert.equal(whole.headers["content-type"], DOCKER_LIST);
});

test("refused manifests: missing blobs (each listed), bad JSON with Go's offset, type mismatches, digest", () => {
  const { registry } = newRegistry();
  const layer = upload(registry, "m1", "layer");
  const missing = dockerManifest({ digest: ZERO, size: 3 }, [
    { digest: ONE, size: 3 },
    { digest: layer, size: 5 },
  ]);
  const put = (tag: string, body: string, contentType = DOCKER_V2) =>
    send(registry, "PUT", `/v2/m1/manifests/${tag}`, {
      headers: { "content-type": contentType },
      body,
    });
  const blobUnknown = put("bad", missing);
  assert.equal(blobUnknown.status, 400);
  assert.equal(
    decoder.decode(blobUnknown.body),
    `{"errors":[{"code":"MANIFEST_BLOB_UNKNOWN","message":"blob unknown to registry","detail":"${ZERO}"},` +
      `{"code":"MANIFEST_BLOB_UNKNOWN","message":"blob unknown to registry","detail":"${ONE}"}]}\n`,
  );
  const cases: [string, string][] = [
    ["not json", '{"Offset":2}'],
    ['{"schemaVersion":2,', '{"Offset":19}'],
    ['{"a":[1,2,}', '{"Offset":11}'],
    ["[]", "{}"],
  ];
  for (const [body, detail] of cases) {
    assert.equal(
      decoder.decode(put("bad2", body).body),
      `{"errors":[{"code":"MANIFEST_INVALID","message":"manifest invalid","detail":${detail}}]}\n`,
      body,
    );
  }
  const config = upload(registry, "m1", "{}");
  const good = dockerManifest({ digest: config, size: 2 }, [{ digest: layer, size: 5 }]);
  assert.equal(put("x", good, OCI_MANIFEST).status, 400, "Content-Type and mediaType disagree");
  assert.equal(put("x", good, "").status, 400);
  assert.equal(
    decoder.decode(put(ONE, good).body),
    '{"errors":[{"code":"DIGEST_INVALID","message":"provided digest did not match uploaded content"}]}\n',
  );
  assert.equal(put(digestOf(encoder.encode(good)), good).status, 201);
  const big = send(registry, "PUT", "/v2/m1/manifests/big", {
    headers: { "content-type": DOCKER_V2 },
    body: new Uint8Array(4 * 1024 * 1024 + 1).fill(0x20),
  });
  assert.match(decoder.decode(big.body), /"detail":"http: request body too large"/);
});

test("deletes: 405 UNSUPPORTED unless enabled; by digest 202, tags go with it; by tag DIGEST_INVALID", () => {
  const closed = newRegistry().registry;
  const digest = pushImage(closed, "m1", "a");
  const refused = send(closed, "DELETE", `/v2/m1/manifests/${digest}`);
  assert.equal(refused.status, 405);
  assert.equal(
    decoder.decode(refused.body),
    '{"errors":[{"code":"UNSUPPORTED","message":"The operation is unsupported."}]}\n',
  );
  const { registry } = newRegistry({ deleteEnabled: true });
  const pushed = pushImage(registry, "m1", "a");
  pushImage(registry, "m1", "b");
  assert.equal(send(registry, "DELETE", "/v2/m1/manifests/a").status, 400);
  assert.equal(send(registry, "DELETE", `/v2/m1/manifests/${pushed}`).status, 202);
  assert.equal(
    decoder.decode(send(registry, "DELETE", `/v2/m1/manifests/${pushed}`).body),
    '{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]}\n',
  );
  assert.equal(
    decoder.decode(send(registry, "GET", "/v2/m1/tags/list").body),
    '{"name":"m1","tags":null}\n',
  );
  const layer = digestOf(encoder.encode("layer-x"));
  assert.equal(send(registry, "DELETE", `/v2/m1/blobs/${layer}`).status, 202);
  assert.equal(
    decoder.decode(send(registry, "DELETE", `/v2/m1/blobs/${layer}`).body),
    '{"errors":[{"code":"BLOB_UNKNOWN","message":"blob unknown to registry"}]}\n',
  );
  const wrongMethod = send(registry, "PATCH", "/v2/m1/manifests/a");
  assert.deepEqual(
    [wrongMethod.status, wrongMethod.headers.allow],
    [405, "DELETE, GET, HEAD, PUT"],
  );
});

test("tag and manifest limits refuse with DENIED", () => {
  const { registry } = newRegistry({ limits: { tagCountMax: 1 } });
  pushImage(registry, "m1", "a");
  assert.throws(() => pushImage(registry, "m1", "b"), /403 .*"code":"DENIED"/);
});
