import assert from "node:assert/strict";
import { test } from "node:test";
import type { AuthConfig } from "../../../../src/engine/api-types.ts";
import type { AccessPolicy } from "../../registry/client/fake-registry.ts";
import {
  normalizeExchanges,
  recordedError,
  recordedSequence,
  strip,
} from "../../registry/client/recorded.ts";
import { cliLines, collect, createWorld, type PushPullWorld } from "../push-pull-world.ts";
import { checkAnonymousPushDenied, checkLogin, checkPulls } from "./auth-flows.ts";

/** As recorded against registry 2.8.2 with a token server: researcher may do anything, guest may pull mini, anonymous may pull mini. */
const policy: AccessPolicy = (user, repository, wanted) => {
  if (user === "researcher") return [...wanted];
  if (repository === "private") return [];
  return wanted.filter((action) => action === "pull");
};
const users = { researcher: "dummy-pass", guest: "guest-pass" };
const researcher: AuthConfig = { username: "researcher", password: "dummy-pass" };
const guest: AuthConfig = { username: "guest", password: "guest-pass" };

const NO_ROLES = new Map<string, string>();

function normalized(world: PushPullWorld) {
  return normalizeExchanges(world.journal, NO_ROLES, { withAuth: true });
}

function recorded(name: string) {
  return strip(recordedSequence(name), { withAuth: true });
}

test("docker login fetches an offline token and checks it, as dockerd does", async () => {
  const world = createWorld({ auth: policy, users });
  const host = await world.daemon();
  await checkLogin(world, host, {
    user: researcher,
    normalized: () => normalized(world),
    recorded,
  });
});

test("login to an open registry, an unknown host, a refused connection", async () => {
  const world = createWorld();
  const host = await world.daemon();
  await world.run(() => host.daemon.auth({ ...researcher, serveraddress: "localhost:5000" }));
  assert.deepEqual(
    normalizeExchanges(world.journal, NO_ROLES),
    strip(recordedSequence("login-open")),
  );
  const failure = (serveraddress: string) =>
    world
      .run(() => host.daemon.auth({ ...researcher, serveraddress }))
      .then(
        () => assert.fail("login succeeded"),
        (error: Error) => error.message,
      );
  // dockerd names its resolver (`on 10.255.255.53:53`); the simulated one has none.
  assert.equal(
    await failure("nohost:5000"),
    recordedError("login-unknown-host").message.replace(" on 10.255.255.53:53", ""),
  );
  assert.equal(await failure("localhost:5999"), recordedError("pull-connection-refused").message);
});

test("a logged-in daemon pushes with a scoped token; a mount asks for both repositories", async () => {
  const world = createWorld({ auth: policy, users });
  const host = await world.daemon();
  await world.run(() => host.daemon.auth({ ...researcher, serveraddress: "localhost:5000" }));
  world.journal.length = 0;
  const pushed = await collect(world, host.daemon.imagePush("localhost:5000/mini", { tag: "1" }));
  assert.equal(pushed.error, undefined);
  const ours = normalized(world);
  assert.deepEqual(ours.slice(0, 2), recorded("token-push").slice(0, 2));
  assert.ok(
    ours.slice(2).every((request) => request.server === "registry" && request.auth === "Bearer"),
  );

  await world.run(() =>
    host.daemon.imageTag("localhost:5000/mini:1", { repo: "localhost:5000/private", tag: "1" }),
  );
  world.journal.length = 0;
  const mounted = await collect(
    world,
    host.daemon.imagePush("localhost:5000/private", { tag: "1" }),
  );
  assert.ok(cliLines(mounted.messages).some((line) => line.endsWith("Mounted from mini")));
  const tokenRequests = normalized(world).filter((request) => request.server === "token");
  const mountToken = recorded("token-push-mount").filter(
    (request) => request.server === "token",
  )[1];
  assert.deepEqual(tokenRequests[1], mountToken);
  // One token for the push, one per mount attempt (five layers).
  assert.equal(tokenRequests.length, 6);
});

test("push and pull refusals read as dockerd's", async () => {
  const world = createWorld({ auth: policy, users });
  const host = await world.daemon();
  await checkAnonymousPushDenied(world, host);
  assert.equal(world.registry.hasBlob("mini", "sha256:0"), false);

  await collect(
    world,
    host.daemon.imagePush("localhost:5000/mini", { tag: "1", auth: researcher }),
  );
  await world.run(() =>
    host.daemon.imageTag("localhost:5000/mini:1", { repo: "localhost:5000/private", tag: "1" }),
  );
  await collect(
    world,
    host.daemon.imagePush("localhost:5000/private", { tag: "1", auth: researcher }),
  );

  const puller = await world.daemon({ images: [] });
  await checkPulls(world, puller, { guest, normalized: () => normalized(world), recorded });
});
