/**
 * The token-auth flows of dockerd that both registry servers must carry the same way (the
 * registry double of `auth.test.ts` and `MemRegistry` behind `TokenServer` in
 * `registry-daemon-auth.test.ts`): checked against the recordings of registry 2.8.2.
 */
import assert from "node:assert/strict";
import type { AuthConfig } from "../../../../src/engine/api-types.ts";
import { isDrydockError } from "../../../../src/errors/drydock-error.ts";
import type { RecordedRequest } from "../../registry/client/recorded.ts";
import { recordedError } from "../../registry/client/recorded.ts";
import { cliLines, collect, type PushPullWorld, type TestHost } from "../push-pull-world.ts";

/** How a test reads its world's journal and the recording it is compared with. */
export interface AuthJournal {
  normalized(): RecordedRequest[];
  recorded(name: string): RecordedRequest[];
}

/** `docker login` as `user`, then with a wrong password: the recorded token conversations. */
export async function checkLogin(
  world: PushPullWorld,
  host: TestHost,
  options: AuthJournal & { user: AuthConfig },
): Promise<void> {
  const { user, normalized, recorded } = options;
  const answer = await world.run(() =>
    host.daemon.auth({ ...user, serveraddress: "localhost:5000" }),
  );
  assert.deepEqual(answer, { Status: "Login Succeeded", IdentityToken: "" });
  assert.deepEqual(normalized(), recorded("token-login"));
  world.journal.length = 0;
  const refused = await world
    .run(() => host.daemon.auth({ ...user, password: "wrong", serveraddress: "localhost:5000" }))
    .then(
      () => assert.fail("login succeeded"),
      (error: unknown) => error,
    );
  assert.ok(isDrydockError(refused));
  assert.equal(refused.code, "Unauthenticated");
  assert.equal(refused.message, recordedError("login-refused").message.replace("5210", "5000"));
  assert.deepEqual(normalized(), recorded("token-login-refused"));
}

/** A push without credentials, refused in dockerd's words. */
export async function checkAnonymousPushDenied(
  world: PushPullWorld,
  host: TestHost,
): Promise<void> {
  const anonymous = await collect(
    world,
    host.daemon.imagePush("localhost:5000/mini", { tag: "1" }),
  );
  assert.equal(
    cliLines(anonymous.messages).at(-1),
    `ERROR ${recordedError("push-anonymous-denied").message}`,
  );
}

/**
 * Pulls by a daemon without images once `mini:1` and `private:1` are pushed: `private` refused
 * to `guest` (a not-found error, nothing streamed), an unknown tag, then anonymous pulls of
 * `mini` (the second one's requests compared with the recording).
 */
export async function checkPulls(
  world: PushPullWorld,
  puller: TestHost,
  options: AuthJournal & { guest: AuthConfig },
): Promise<void> {
  const { guest, normalized, recorded } = options;
  const pull = (fromImage: string, auth?: AuthConfig) =>
    collect(
      world,
      puller.daemon.imagePull({ fromImage, tag: "1", ...(auth === undefined ? {} : { auth }) }),
    );
  world.journal.length = 0;
  const denied = await pull("localhost:5000/private", guest);
  assert.equal(denied.messages.length, 0);
  assert.ok(denied.error !== undefined && isDrydockError(denied.error));
  assert.equal(denied.error.code, "NotFound");
  assert.equal(
    denied.error.message,
    recordedError("pull-private-denied").message.replace("5210", "5000"),
  );
  assert.deepEqual(normalized(), recorded("token-pull-private-denied"));
  world.journal.length = 0;
  const unknown = await pull("localhost:5000/nosuch");
  assert.equal(
    unknown.error?.message,
    "manifest for localhost:5000/nosuch:1 not found: manifest unknown: manifest unknown",
  );
  assert.deepEqual(normalized(), recorded("token-pull-unknown-tag"));
  assert.equal((await pull("localhost:5000/mini")).error, undefined);
  world.journal.length = 0;
  await pull("localhost:5000/mini");
  assert.deepEqual(normalized(), recorded("token-pull-anonymous"));
}
