/**
 * dockerd's flows (the daemon of src/daemon, unchanged) against MemRegistry behind TokenServer:
 * the recorded token conversations of registry 2.8.2 and dockerd's wording of each refusal.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { AuthConfig } from "../../../../src/engine/api-types.ts";
import { SeededRng } from "../../../../src/random/rng.ts";
import type { RegistryHandler, RegistryTransport } from "../../../../src/registry/registry-http.ts";
import { AccessPolicy } from "../../../../src/registry/server/access-policy.ts";
import { MemRegistry } from "../../../../src/registry/server/mem-registry.ts";
import { TokenServer } from "../../../../src/registry/server/token-server.ts";
import {
  checkAnonymousPushDenied,
  checkLogin,
  checkPulls,
} from "../../daemon/distribution/auth-flows.ts";
import { cliLines, collect, createWorld } from "../../daemon/push-pull-world.ts";
import { handlerTransport } from "../client/fake-registry.ts";
import { normalizeExchanges, recordedSequence, strip } from "../client/recorded.ts";

const researcher: AuthConfig = { username: "researcher", password: "dummy-pass" };
const guest: AuthConfig = { username: "guest", password: "guest-pass" };

/** The recorded setup: researcher may do anything, anyone may pull all but `private`. */
function authWorld() {
  const world = createWorld();
  const clock = world.loop.clock;
  const tokens = new TokenServer({
    name: "auth.test",
    service: "fake-registry",
    scheme: "http",
    clock,
    rng: SeededRng.fromSeed("tokens"),
    policy: new AccessPolicy({
      users: { researcher: "dummy-pass", guest: "guest-pass" },
      repositories: { private: { pull: ["researcher"], push: ["researcher"] } },
      defaults: { public: true, push: ["researcher"] },
    }),
  });
  const registry = new MemRegistry({
    name: "localhost:5000",
    clock,
    rng: SeededRng.fromSeed("registry"),
    auth: tokens,
  });
  const journalled = (
    server: "registry" | "token",
    handler: RegistryHandler,
  ): RegistryTransport => {
    const inner = handlerTransport(handler);
    return {
      async send(request, options) {
        const response = await inner.send(request, options);
        world.journal.push({ server, request, status: response.status });
        return response;
      },
    };
  };
  world.transports.set("localhost:5000", journalled("registry", registry));
  world.transports.set("auth.test", journalled("token", tokens));
  const normalized = () => normalizeExchanges(world.journal, new Map(), { withAuth: true });
  const recorded = (name: string) => strip(recordedSequence(name), { withAuth: true });
  return { world, registry, normalized, recorded };
}

test("docker login: the recorded token conversation; wrong password in dockerd's words", async () => {
  const { world, normalized, recorded } = authWorld();
  const host = await world.daemon();
  await checkLogin(world, host, { user: researcher, normalized, recorded });
});

test("push and pull grants and refusals as dockerd reports them against 2.8.2", async () => {
  const { world, registry, normalized, recorded } = authWorld();
  const host = await world.daemon();
  await checkAnonymousPushDenied(world, host);
  assert.deepEqual(registry.repositories(), []);
  const pushed = await collect(
    world,
    host.daemon.imagePush("localhost:5000/mini", { tag: "1", auth: researcher }),
  );
  assert.equal(pushed.error, undefined);
  assert.equal(registry.tags("mini").length, 1);
  await world.run(() =>
    host.daemon.imageTag("localhost:5000/mini:1", { repo: "localhost:5000/private", tag: "1" }),
  );
  const mounted = await collect(
    world,
    host.daemon.imagePush("localhost:5000/private", { tag: "1", auth: researcher }),
  );
  assert.ok(cliLines(mounted.messages).some((line) => line.endsWith("Mounted from mini")));

  const puller = await world.daemon({ images: [] });
  await checkPulls(world, puller, { guest, normalized: normalized, recorded });
});
