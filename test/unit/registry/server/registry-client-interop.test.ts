/** The daemon's registry client, unchanged, against the in-memory registry. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { VirtualClock } from "../../../../src/clock/virtual-clock.ts";
import { digestOf } from "../../../../src/digest/digest.ts";
import { SeededRng } from "../../../../src/random/rng.ts";
import { RegistryClient } from "../../../../src/registry/client/registry-client.ts";
import type { RegistryCredentials } from "../../../../src/registry/client/registry-credentials.ts";
import { staticResolver } from "../../../../src/registry/client/registry-resolver.ts";
import { RemoteRepository } from "../../../../src/registry/client/remote-repository.ts";
import type { RegistryHandler, RegistryTransport } from "../../../../src/registry/registry-http.ts";
import { AccessPolicy } from "../../../../src/registry/server/access-policy.ts";
import { MemRegistry } from "../../../../src/registry/server/mem-registry.ts";
import { TokenServer } from "../../../../src/registry/server/token-server.ts";
import { dockerManifest, encoder } from "./server-helpers.ts";

const DENIED =
  "errors:\ndenied: requested access to the resource is denied\nunauthorized: authentication required\n";

const transport = (handler: RegistryHandler): RegistryTransport => ({
  send: (request) => handler.handle(request),
});

function world(options: { auth?: boolean } = {}) {
  const clock = new VirtualClock();
  const rng = SeededRng.fromSeed(7);
  const tokens = new TokenServer({
    name: "auth.test",
    service: "drydock-registry",
    scheme: "http",
    clock,
    rng: rng.fork("tokens"),
    policy: new AccessPolicy({
      users: { researcher: "dummy-pass", guest: "guest-pass" },
      repositories: {
        private: { pull: ["researcher"], push: ["researcher"] },
        mini: { public: true, push: ["researcher"] },
      },
    }),
  });
  const registry = new MemRegistry({
    name: "localhost:5210",
    clock,
    rng: rng.fork("registry"),
    ...(options.auth === true ? { auth: tokens } : {}),
  });
  const resolver = staticResolver({
    "localhost:5210": transport(registry),
    "auth.test": transport(tokens),
  });
  const client = (credentials?: RegistryCredentials) =>
    new RegistryClient({
      domain: "localhost:5210",
      resolver,
      clock,
      ...(credentials === undefined ? {} : { credentials }),
    });
  return { clock, registry, tokens, client };
}

async function pushOne(client: RegistryClient, path: string, tag: string) {
  const repository = new RemoteRepository({
    client,
    path,
    scopes: [RemoteRepository.scope(path, true)],
  });
  const config = encoder.encode('{"architecture":"amd64","os":"linux"}');
  const layer = encoder.encode("layer bytes");
  for (const bytes of [layer, config]) {
    assert.equal(await repository.statBlob(digestOf(bytes)), undefined);
    const started = await repository.startUpload();
    assert.equal(started.kind, "session");
    if (started.kind !== "session") return undefined;
    const next = await repository.uploadChunk(started.location, bytes);
    assert.deepEqual(await repository.commitUpload(next, digestOf(bytes)), {
      digest: digestOf(bytes),
      sizeBytes: bytes.length,
    });
  }
  const manifest = encoder.encode(
    dockerManifest({ digest: digestOf(config), size: config.length }, [
      { digest: digestOf(layer), size: layer.length },
    ]),
  );
  const digest = await repository.putManifest(tag, {
    bytes: manifest,
    mediaType: "application/vnd.docker.distribution.manifest.v2+json",
  });
  assert.equal(digest, digestOf(manifest));
  return { manifest, layer, config, digest };
}

test("push, mount and pull through the unchanged client", async () => {
  const { client, registry } = world();
  const pushed = await pushOne(client(), "mini", "1");
  assert.ok(pushed !== undefined);
  const other = new RemoteRepository({
    client: client(),
    path: "other",
    scopes: [RemoteRepository.scope("other", true)],
  });
  const mounted = await other.startUpload({
    mountFrom: { path: "mini", digest: digestOf(pushed.layer) },
  });
  assert.deepEqual(mounted, {
    kind: "mounted",
    blob: { digest: digestOf(pushed.layer), sizeBytes: pushed.layer.length },
  });
  const refused = await other.startUpload({
    mountFrom: { path: "nowhere", digest: digestOf(pushed.layer) },
  });
  assert.equal(refused.kind, "session");
  const puller = new RemoteRepository({
    client: client(),
    path: "mini",
    scopes: [RemoteRepository.scope("mini", false)],
  });
  const head = await puller.resolveManifest("1");
  assert.deepEqual(head, {
    digest: pushed.digest,
    mediaType: "application/vnd.docker.distribution.manifest.v2+json",
    sizeBytes: pushed.manifest.length,
  });
  const fetched = await puller.fetchManifest(pushed.digest, { sizeBytesMax: 1 << 20 });
  assert.deepEqual(fetched.bytes, pushed.manifest);
  assert.deepEqual(await puller.fetchBlob(digestOf(pushed.layer)), pushed.layer);
  await assert.rejects(puller.resolveManifest("nope"), {
    message: "manifest unknown: manifest unknown",
  });
  assert.deepEqual(registry.repositories(), ["mini", "other"]);
});

test("token auth: login, push and pull with grants, denials worded as dockerd's", async () => {
  const { client } = world({ auth: true });
  const researcher = client({ kind: "basic", username: "researcher", password: "dummy-pass" });
  assert.deepEqual(await researcher.login(), { identityToken: "" });
  await assert.rejects(
    client({ kind: "basic", username: "researcher", password: "wrong" }).login(),
    {
      message: 'Get "http://localhost:5210/v2/": unauthorized: incorrect username or password',
    },
  );
  assert.ok((await pushOne(researcher, "private", "1")) !== undefined);
  assert.ok(
    (await pushOne(
      client({ kind: "basic", username: "researcher", password: "dummy-pass" }),
      "mini",
      "1",
    )) !== undefined,
  );
  for (const who of [
    undefined,
    { kind: "basic", username: "guest", password: "guest-pass" } as const,
  ]) {
    const denied = new RemoteRepository({
      client: client(who),
      path: "private",
      scopes: [RemoteRepository.scope("private", false)],
    });
    await assert.rejects(denied.resolveManifest("1"), (error: Error & { code?: string }) => {
      // 2.8.2's body adds its UNAUTHORIZED entry after the challenge's insufficient_scope.
      assert.equal(error.message, DENIED);
      assert.equal(error.code, "PermissionDenied");
      return true;
    });
    const publicRepository = new RemoteRepository({
      client: client(who),
      path: "mini",
      scopes: [RemoteRepository.scope("mini", false)],
    });
    assert.equal(
      (await publicRepository.resolveManifest("1")).mediaType,
      "application/vnd.docker.distribution.manifest.v2+json",
    );
  }
  const anonymous = new RemoteRepository({
    client: client(),
    path: "mini",
    scopes: [RemoteRepository.scope("mini", true)],
  });
  assert.equal(
    (await anonymous.statBlob(digestOf(encoder.encode("layer bytes")))) !== undefined,
    true,
  );
  await assert.rejects(anonymous.startUpload(), { message: DENIED });
});

test("tokens expire on the virtual clock and the client fetches a new one", async () => {
  const { client, clock, tokens } = world({ auth: true });
  const researcher = client({ kind: "basic", username: "researcher", password: "dummy-pass" });
  const repository = new RemoteRepository({
    client: researcher,
    path: "mini",
    scopes: [RemoteRepository.scope("mini", false)],
  });
  await assert.rejects(repository.resolveManifest("1"), {
    message: "manifest unknown: manifest unknown",
  });
  const header = await repository.authorizer.authorization();
  const token = header!.slice("Bearer ".length);
  assert.ok(tokens.verify(token, clock.nowUs()) !== undefined);
  clock.advanceTo(clock.nowUs() + 301_000_000);
  assert.equal(tokens.verify(token, clock.nowUs()), undefined);
  assert.notEqual(await repository.authorizer.authorization(), header);
});
