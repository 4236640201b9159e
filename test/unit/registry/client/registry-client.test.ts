import assert from "node:assert/strict";
import { test } from "node:test";
import { VirtualClock } from "../../../../src/clock/virtual-clock.ts";
import type { Digest } from "../../../../src/digest/digest.ts";
import { isDrydockError } from "../../../../src/errors/drydock-error.ts";
import { parseAuthChallenge } from "../../../../src/registry/client/auth-challenge.ts";
import { base64Decode, base64Encode } from "../../../../src/registry/client/base64.ts";
import { goQueryEscape } from "../../../../src/registry/client/go-query.ts";
import { RegistryClient } from "../../../../src/registry/client/registry-client.ts";
import { credentialsFromAuthConfig } from "../../../../src/registry/client/registry-credentials.ts";
import { registryEndpoint } from "../../../../src/registry/client/registry-endpoint.ts";
import { staticResolver } from "../../../../src/registry/client/registry-resolver.ts";
import { responseError } from "../../../../src/registry/client/registry-response-error.ts";
import { RemoteRepository } from "../../../../src/registry/client/remote-repository.ts";
import type { RegistryResponse } from "../../../../src/registry/registry-http.ts";
import { FakeRegistry, FakeTokenServer, handlerTransport } from "./fake-registry.ts";

const encoder = new TextEncoder();
const fill = (char: string) => `sha256:${char.repeat(64)}` as Digest;

function answer(
  status: number,
  body: string,
  headers: Record<string, string> = {},
): RegistryResponse {
  return { status, headers, body: encoder.encode(body) };
}

test("challenges, base64 and query escapes read as Go's", () => {
  assert.deepEqual(
    parseAuthChallenge(
      'Bearer realm="http://a/token",service="reg",scope="repository:x:pull,push",error="insufficient_scope"',
    ),
    {
      scheme: "bearer",
      parameters: {
        realm: "http://a/token",
        service: "reg",
        scope: "repository:x:pull,push",
        error: "insufficient_scope",
      },
    },
  );
  assert.deepEqual(parseAuthChallenge('Basic realm="Registry \\"r\\""'), {
    scheme: "basic",
    parameters: { realm: 'Registry "r"' },
  });
  assert.equal(parseAuthChallenge(undefined), undefined);
  assert.equal(parseAuthChallenge("=="), undefined);
  for (const text of ["", "a", "ab", "abc", "researcher:dummy-pass"]) {
    const encoded = base64Encode(encoder.encode(text));
    assert.equal(encoded, Buffer.from(text).toString("base64"));
    assert.equal(new TextDecoder().decode(base64Decode(encoded)), text);
  }
  assert.equal(base64Decode("a"), undefined);
  assert.equal(base64Decode("!!"), undefined);
  assert.equal(goQueryEscape("sha256:ab cd/é"), "sha256%3Aab+cd%2F%C3%A9");
  assert.deepEqual(credentialsFromAuthConfig({ auth: base64Encode(encoder.encode("u:p:q")) }), {
    kind: "basic",
    username: "u",
    password: "p:q",
  });
  assert.deepEqual(credentialsFromAuthConfig({ registrytoken: "t", username: "u" }), {
    kind: "bearer",
    registryToken: "t",
  });
  assert.equal(credentialsFromAuthConfig({}), undefined);
  assert.deepEqual(registryEndpoint("docker.io"), {
    domain: "docker.io",
    scheme: "https",
    host: "registry-1.docker.io",
  });
  assert.equal(registryEndpoint("127.0.0.1:5000").scheme, "http");
  assert.equal(registryEndpoint("registry.example:5000").scheme, "https");
});

test("error answers are worded as distribution's client words them", () => {
  const one = responseError(
    answer(
      404,
      '{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown","detail":{"Tag":"x"}}]}',
    ),
  );
  assert.equal(one.message, "manifest unknown: manifest unknown");
  assert.equal(one.code, "NotFound");
  const two = responseError(
    answer(401, '{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}', {
      "www-authenticate": 'Bearer realm="r",error="insufficient_scope"',
    }),
  );
  assert.equal(
    two.message,
    "errors:\ndenied: requested access to the resource is denied\nunauthorized: authentication required\n",
  );
  assert.equal(two.code, "PermissionDenied");
  assert.equal(
    responseError(answer(503, "")).message,
    "received unexpected HTTP status: 503 Service Unavailable",
  );
  assert.equal(
    responseError(answer(404, "<html>")).message,
    "error parsing HTTP 404 response body: invalid character '<' looking for beginning of value: \"<html>\"",
  );
  assert.equal(responseError(answer(401, "{}")).message, "unauthorized: authentication required");
  assert.equal(
    responseError(answer(401, '{"details":"incorrect username or password"}')).message,
    "unauthorized: incorrect username or password",
  );
  assert.equal(
    responseError(answer(400, '{"errors":[{"code":"WHATEVER"}]}')).message,
    "unknown: unknown error",
  );
});

function tokenWorld() {
  const clock = new VirtualClock();
  const tokens = new FakeTokenServer({
    users: { u: "p" },
    policy: (_user, _repo, wanted) => [...wanted],
  });
  const registry = new FakeRegistry({
    host: "localhost:5000",
    auth: { realm: "http://auth.test/token", service: "fake", tokens },
  });
  const resolver = staticResolver({
    "localhost:5000": handlerTransport(registry),
    "auth.test": handlerTransport(tokens),
  });
  return { clock, tokens, registry, resolver };
}

test("a repository session fetches one token and fetches again when it expires", async () => {
  const { clock, tokens, resolver } = tokenWorld();
  const client = new RegistryClient({
    domain: "localhost:5000",
    resolver,
    clock,
    credentials: { kind: "basic", username: "u", password: "p" },
  });
  const repository = new RemoteRepository({
    client,
    path: "mini",
    scopes: [RemoteRepository.scope("mini", true)],
  });
  assert.equal(await repository.statBlob(fill("0")), undefined);
  assert.equal(await repository.statBlob(fill("1")), undefined);
  assert.equal(tokens.requests.length, 1);
  assert.equal(
    tokens.requests[0]!.target,
    "/token?account=u&scope=repository%3Amini%3Apush%2Cpull&service=fake",
  );
  clock.advanceBy(301 * 1_000_000);
  await repository.statBlob(fill("2"));
  assert.equal(tokens.requests.length, 2);
});

test("carrying failures read as Go's url.Error; the request count is limited", async () => {
  const clock = new VirtualClock();
  const client = new RegistryClient({ domain: "nohost:5000", resolver: staticResolver({}), clock });
  await assert.rejects(client.ping(), {
    message: 'Get "https://nohost:5000/v2/": dial tcp: lookup nohost: no such host',
  });
  const { resolver } = tokenWorld();
  const limited = new RegistryClient({
    domain: "localhost:5000",
    resolver,
    clock,
    limits: { requestCountMax: 2 },
  });
  await limited.ping();
  const repository = new RemoteRepository({ client: limited, path: "x", scopes: [] });
  await assert.rejects(
    repository.statBlob(fill("0")),
    (error: unknown) => isDrydockError(error) && error.code === "LimitExceeded",
  );
});

test("a token server that refuses the password fails the login with its words", async () => {
  const { clock, resolver } = tokenWorld();
  const client = new RegistryClient({
    domain: "localhost:5000",
    resolver,
    clock,
    credentials: { kind: "basic", username: "u", password: "bad" },
  });
  await assert.rejects(client.login(), {
    message: 'Get "http://localhost:5000/v2/": unauthorized: incorrect username or password',
  });
  const good = new RegistryClient({
    domain: "localhost:5000",
    resolver,
    clock,
    credentials: { kind: "basic", username: "u", password: "p" },
  });
  assert.deepEqual(await good.login(), { identityToken: "" });
});

test("a tag that appears between the HEAD and the GET resolves from the GET, as distribution's client does", async () => {
  const clock = new VirtualClock();
  const registry = new FakeRegistry({ host: "localhost:5000" });
  const manifest = {
    bytes: encoder.encode('{"schemaVersion":2}'),
    mediaType: "application/vnd.docker.distribution.manifest.v2+json",
  };
  let heads = 0;
  const transport = handlerTransport({
    async handle(request) {
      if (request.method === "HEAD" && request.target.includes("/manifests/") && heads++ === 0) {
        const answer = await registry.handle({ ...request, target: "/v2/mini/manifests/absent" });
        registry.seed("mini", { tag: "1", manifest, blobs: [] });
        return answer;
      }
      return registry.handle(request);
    },
  });
  const client = new RegistryClient({
    domain: "localhost:5000",
    resolver: staticResolver({ "localhost:5000": transport }),
    clock,
  });
  const repository = new RemoteRepository({ client, path: "mini", scopes: [] });
  const head = await repository.resolveManifest("1");
  assert.equal(head.mediaType, manifest.mediaType);
  assert.equal(head.sizeBytes, manifest.bytes.length);
  assert.equal(
    registry.log.filter((line) => line.startsWith("GET /v2/mini/manifests/1")).length,
    1,
  );
  await assert.rejects(repository.resolveManifest("2"), {
    message: "manifest unknown: manifest unknown",
  });
});
