import assert from "node:assert/strict";
import { test } from "node:test";
import { VirtualClock } from "../../../../src/clock/virtual-clock.ts";
import { SeededRng } from "../../../../src/random/rng.ts";
import { AccessPolicy } from "../../../../src/registry/server/access-policy.ts";
import { TokenServer } from "../../../../src/registry/server/token-server.ts";
import { decoder, newRegistry, send } from "./server-helpers.ts";

function authWorld() {
  const clock = new VirtualClock();
  const tokens = new TokenServer({
    name: "auth.test",
    service: "drydock-registry",
    scheme: "http",
    clock,
    rng: SeededRng.fromSeed("tokens"),
    policy: new AccessPolicy({
      users: { researcher: "dummy-pass", guest: "guest-pass" },
      repositories: {
        private: { push: ["researcher"] },
        "team/*": { pull: ["guest"], push: ["researcher"] },
      },
    }),
  });
  const { registry } = newRegistry({ clock, auth: tokens });
  const token = (query: string, basic?: string) => {
    const headers: Record<string, string> =
      basic === undefined ? {} : { authorization: `Basic ${btoa(basic)}` };
    const response = tokens.answer({ method: "GET", target: `/token?${query}`, headers });
    return { response, body: JSON.parse(decoder.decode(response.body)) as Record<string, unknown> };
  };
  return { clock, tokens, registry, token };
}

const REALM = 'Bearer realm="http://auth.test/token",service="drydock-registry"';

test("without a token: 401, a challenge naming realm, service and scope, UNAUTHORIZED listing the accesses", () => {
  const { registry } = authWorld();
  const base = send(registry, "GET", "/v2/");
  assert.equal(base.status, 401);
  assert.equal(base.headers["www-authenticate"], REALM);
  assert.equal(
    decoder.decode(base.body),
    '{"errors":[{"code":"UNAUTHORIZED","message":"authentication required","detail":null}]}\n',
  );
  const post = send(registry, "POST", "/v2/private/blobs/uploads/?from=mini&mount=sha256%3Aab");
  assert.equal(
    post.headers["www-authenticate"],
    `${REALM},scope="repository:private:pull,push repository:mini:pull"`,
  );
  assert.equal(
    decoder.decode(post.body),
    '{"errors":[{"code":"UNAUTHORIZED","message":"authentication required","detail":[' +
      '{"Type":"repository","Class":"","Name":"private","Action":"pull"},' +
      '{"Type":"repository","Class":"","Name":"private","Action":"push"},' +
      '{"Type":"repository","Class":"","Name":"mini","Action":"pull"}]}]}\n',
  );
  const bad = send(registry, "GET", "/v2/", { headers: { authorization: "Bearer nonsense" } });
  assert.equal(bad.headers["www-authenticate"], `${REALM},error="invalid_token"`);
});

test("tokens carry what the policy grants; missing grants give insufficient_scope", () => {
  const { registry, token } = authWorld();
  const anonymous = token(
    "scope=repository%3Aprivate%3Apull&scope=repository%3Amini%3Apush%2Cpull&service=drydock-registry",
  );
  assert.equal(anonymous.response.status, 200);
  assert.deepEqual(Object.keys(anonymous.body), [
    "token",
    "access_token",
    "expires_in",
    "issued_at",
  ]);
  assert.deepEqual(
    [anonymous.body.expires_in, anonymous.body.issued_at],
    [300, "2026-01-01T00:00:00Z"],
  );
  const bearer = { authorization: `Bearer ${anonymous.body.token}` };
  assert.equal(
    send(registry, "HEAD", "/v2/mini/manifests/1", { headers: bearer }).status,
    404,
    "public: pullable anonymously",
  );
  const denied = send(registry, "HEAD", "/v2/private/manifests/1", { headers: bearer });
  assert.equal(denied.status, 401);
  assert.equal(
    denied.headers["www-authenticate"],
    `${REALM},scope="repository:private:pull",error="insufficient_scope"`,
  );
  const push = send(registry, "POST", "/v2/mini/blobs/uploads/", { headers: bearer });
  assert.equal(
    push.headers["www-authenticate"],
    `${REALM},scope="repository:mini:pull,push",error="insufficient_scope"`,
  );
  const guest = token(
    "scope=repository%3Ateam%2Fx%3Apush%2Cpull&service=drydock-registry",
    "guest:guest-pass",
  );
  const guestHeaders = { authorization: `Bearer ${guest.body.token}` };
  assert.equal(
    send(registry, "GET", "/v2/team/x/tags/list", { headers: guestHeaders }).status,
    404,
  );
  assert.equal(
    send(registry, "POST", "/v2/team/x/blobs/uploads/", { headers: guestHeaders }).status,
    401,
  );
  const owner = token(
    "scope=repository%3Ateam%2Fx%3Apush%2Cpull&service=drydock-registry",
    "researcher:dummy-pass",
  );
  assert.equal(
    send(registry, "POST", "/v2/team/x/blobs/uploads/", {
      headers: { authorization: `Bearer ${owner.body.token}` },
    }).status,
    202,
  );
});

test("wrong credentials: 401 with Docker Hub's details; tokens are deterministic and expire", () => {
  const { token, tokens, clock } = authWorld();
  const refused = token(
    "account=researcher&client_id=docker&offline_token=true&service=drydock-registry",
    "researcher:wrong",
  );
  assert.equal(refused.response.status, 401);
  assert.deepEqual(refused.body, { details: "incorrect username or password" });
  const login = token(
    "account=researcher&client_id=docker&offline_token=true&service=drydock-registry",
    "researcher:dummy-pass",
  );
  const again = authWorld().token(
    "account=researcher&client_id=docker&offline_token=true&service=drydock-registry",
    "researcher:dummy-pass",
  );
  assert.equal(login.body.token, again.body.token, "same seed, same token");
  const claims = tokens.verify(String(login.body.token), clock.nowUs());
  assert.equal(claims?.sub, "researcher");
  clock.advanceBy(300_000_000);
  assert.equal(tokens.verify(String(login.body.token), clock.nowUs()), undefined);
  const forged = String(login.body.token).replace(/\.[^.]+$/, ".AAAA");
  assert.equal(tokens.verify(forged, 0), undefined);
});
