import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { JsonMessage } from "../../../src/engine/json-message.ts";
import { memRegistryServer } from "../../../src/world/mem-registry-server.ts";
import { World } from "../../../src/world/world.ts";
import { contextTar, drain } from "./world-support.ts";

const errors = (messages: readonly JsonMessage[]) =>
  messages.flatMap((m) => (m.error === undefined ? [] : [m.error]));

async function world(overrides: { auth?: boolean } = {}): Promise<World> {
  return World.create(
    {
      hosts: [{ name: "a" }, { name: "b" }],
      registries: [
        { name: "docker.io", images: ["busybox"] },
        {
          name: "registry.example:5000",
          ...(overrides.auth === true
            ? { auth: { users: { ann: "secret" }, defaults: { public: true, push: ["ann"] } } }
            : {}),
        },
      ],
      defaultLink: { latencyMs: 10, bandwidthMbps: 80 },
    },
    { registryServer: memRegistryServer, runtime: "builtin" },
  );
}

describe("World push and pull over links", () => {
  it("empty hosts pull busybox from docker.io; a's build pushed to a registry is what b pulls", async () => {
    const w = await world();
    const a = w.host("a");
    const b = w.host("b");
    const archive = contextTar({ Dockerfile: "FROM busybox\nLABEL app=1\n" });
    const built = await w.run(
      drain(
        a.engine.imageBuild({ kind: "tar", archive }, { tags: ["registry.example:5000/app:1"] }),
      ),
    );
    assert.deepEqual(errors(built), []);
    assert.ok(
      built.some(
        (m) =>
          m.stream?.includes("Pulling from library/busybox") ||
          m.status?.includes("Pulling from library/busybox"),
      ),
      JSON.stringify(built),
    );
    const pushStart = w.clock.nowUs();
    assert.deepEqual(
      errors(await w.run(drain(a.engine.imagePush("registry.example:5000/app:1")))),
      [],
    );
    const pullStart = w.clock.nowUs();
    assert.ok(pullStart - pushStart > 40_000, "push takes round trips of 20 ms");
    const pulled = await w.run(
      drain(b.engine.imagePull({ fromImage: "registry.example:5000/app", tag: "1" })),
    );
    assert.deepEqual(errors(pulled), []);
    const [onA, onB] = await w.run(
      Promise.all([
        a.engine.imageInspect("registry.example:5000/app:1"),
        b.engine.imageInspect("registry.example:5000/app:1"),
      ]),
    );
    assert.equal(onB.Id, onA.Id);
  });

  it("a registry down during a pull fails it in dockerd's words; after it is up the pull works", async () => {
    const w = await world();
    const b = w.host("b");
    w.registry("docker.io").down();
    // dockerd answers the API call itself with the error (the CLI prints "Error response from daemon").
    await assert.rejects(
      w.run(drain(b.engine.imagePull({ fromImage: "busybox", tag: "latest" }))),
      {
        message:
          'Get "https://registry-1.docker.io/v2/": dial tcp 10.1.0.2:443: connect: connection refused',
      },
    );
    w.registry("docker.io").up();
    assert.deepEqual(
      errors(await w.run(drain(b.engine.imagePull({ fromImage: "busybox", tag: "latest" })))),
      [],
    );
  });

  it("a link cut mid-pull resets the request in flight; after the restore the pull works", async () => {
    const w = await world();
    const b = w.host("b");
    w.network.reshape(w.link("b", "docker.io"), { bandwidthBytesPerSecond: 10_000 });
    w.schedule({ atMs: 100, kind: "link-cut", host: "b", registry: "docker.io" });
    const failed = await w.run(drain(b.engine.imagePull({ fromImage: "busybox", tag: "latest" })));
    assert.equal(w.clock.nowUs() - w.startUs, 100_000);
    assert.match(
      errors(failed).join("\n"),
      /^Get "https:\/\/registry-1\.docker\.io\/v2\/library\/busybox\/manifests\/sha256:[0-9a-f]{64}": read tcp 10\.0\.0\.3:\d+->10\.1\.0\.2:443: read: connection reset by peer$/,
    );
    await assert.rejects(
      w.run(drain(b.engine.imagePull({ fromImage: "busybox", tag: "latest" }))),
      {
        message:
          'Get "https://registry-1.docker.io/v2/": dial tcp 10.1.0.2:443: connect: no route to host',
      },
    );
    w.network.restore(w.link("b", "docker.io"));
    assert.deepEqual(
      errors(await w.run(drain(b.engine.imagePull({ fromImage: "busybox", tag: "latest" })))),
      [],
    );
  });

  it("a registry restart keeps what was pushed", async () => {
    const w = await world();
    const a = w.host("a");
    await w.run(drain(a.engine.imagePull({ fromImage: "busybox", tag: "latest" })));
    await w.run(a.engine.imageTag("busybox", { repo: "registry.example:5000/bb", tag: "1" }));
    assert.deepEqual(
      errors(await w.run(drain(a.engine.imagePush("registry.example:5000/bb:1")))),
      [],
    );
    w.schedule({
      atMs: (w.clock.nowUs() - w.startUs) / 1_000,
      kind: "registry-restart",
      registry: "registry.example:5000",
      downMs: 5,
    });
    await w.runUntilUs(w.clock.nowUs() + 10_000);
    const pulled = await w.run(
      drain(w.host("b").engine.imagePull({ fromImage: "registry.example:5000/bb", tag: "1" })),
    );
    assert.deepEqual(errors(pulled), []);
  });

  it("token auth: the token server is reached over the same link; only ann may push", async () => {
    const w = await world({ auth: true });
    const a = w.host("a");
    await w.run(drain(a.engine.imagePull({ fromImage: "busybox", tag: "latest" })));
    await w.run(a.engine.imageTag("busybox", { repo: "registry.example:5000/bb", tag: "1" }));
    const anonymous = await w.run(drain(a.engine.imagePush("registry.example:5000/bb:1")));
    assert.match(errors(anonymous).join("\n"), /denied|unauthorized|authentication required/);
    const auth = { username: "ann", password: "secret", serveraddress: "registry.example:5000" };
    assert.deepEqual(
      errors(await w.run(drain(a.engine.imagePush("registry.example:5000/bb:1", { auth })))),
      [],
    );
  });
});
