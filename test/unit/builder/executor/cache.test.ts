import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { sameBuildConfig } from "../../../../src/builder/cache/same-build-config.ts";
import { EMPTY_CONTAINER_CONFIG } from "../../../../src/image/container-config.ts";
import { makeHarness } from "./support/harness.ts";

const hits = (text: string): number => text.match(/ ---> Using cache/g)?.length ?? 0;

describe("the classic build cache", () => {
  it("hits every step on an identical rebuild and gives the same image", async () => {
    const h = makeHarness();
    const files = {
      Dockerfile: 'FROM busybox\nENV A=1\nCOPY a /a\nRUN echo x > /x\nCMD ["sh"]\n',
      a: "a",
    };
    const first = await h.build(files, { tags: ["c"] });
    const firstId = h.host.store.resolve("c").id;
    const second = await h.build(files, { tags: ["c"] });
    assert.equal(hits(first.text), 0);
    assert.equal(hits(second.text), 4);
    assert.equal(h.host.store.resolve("c").id, firstId);
    assert.doesNotMatch(second.text, /Running in/);
  });

  it("misses from the changed COPY source on, and only there", async () => {
    const h = makeHarness();
    const dockerfile = "FROM busybox\nENV A=1\nCOPY a /a\nRUN echo x > /x\n";
    await h.build({ Dockerfile: dockerfile, a: "one" });
    const edited = await h.build({ Dockerfile: dockerfile, a: "two" });
    assert.match(edited.text, /ENV A=1\n ---> Using cache/);
    assert.match(edited.text, /COPY a \/a\n ---> [0-9a-f]{12}\n/);
    assert.match(edited.text, /RUN echo x > \/x\n ---> Running in/);
    const misses = h.trace.events
      .filter((e) => e.kind === "builder.cache.miss")
      .map((e) => e.data?.reason);
    assert.deepEqual(misses.slice(-2), ["no-match", "earlier-miss"]);
  });

  it("probes again in each stage after a miss in an earlier one", async () => {
    const h = makeHarness();
    const tail = "FROM busybox\nENV SHARED=1\n";
    await h.build({ Dockerfile: `FROM busybox AS a\nENV ONE=1\n${tail}` });
    const second = await h.build({ Dockerfile: `FROM busybox AS a\nENV ONE=changed\n${tail}` });
    assert.match(second.text, /ENV ONE=changed\n ---> Running in/);
    assert.match(second.text, /ENV SHARED=1\n ---> Using cache/);
  });

  it("never hits with --no-cache, and the next build hits the newest images", async () => {
    const h = makeHarness();
    const files = { Dockerfile: "FROM busybox\nENV A=1\n" };
    await h.build(files, { tags: ["n"] });
    const rebuilt = await h.build(files, { tags: ["n"], noCache: true });
    assert.equal(hits(rebuilt.text), 0);
    const newest = h.host.store.resolve("n").id;
    await h.build(files, { tags: ["n"] });
    assert.equal(h.host.store.resolve("n").id, newest);
    const reasons = h.trace.events
      .filter((e) => e.kind === "builder.cache.miss")
      .map((e) => e.data?.reason);
    assert.ok(reasons.includes("no-cache"));
  });

  it("looks for FROM scratch steps among all images without a parent", async () => {
    const h = makeHarness();
    const files = { Dockerfile: "FROM scratch\nCOPY a /a\n", a: "same" };
    await h.build(files);
    const again = await h.build({ ...files, Dockerfile: "FROM scratch\nCOPY a /a\nENV X=1\n" });
    assert.match(again.text, /COPY a \/a\n ---> Using cache/);
  });

  it("keys RUN on the build args that reach it", async () => {
    const h = makeHarness();
    const files = { Dockerfile: "FROM busybox\nARG V\nRUN echo $V\n" };
    await h.build(files, { buildArgs: { V: "1" }, tags: ["r1"] });
    const other = await h.build(files, { buildArgs: { V: "2" }, tags: ["r2"] });
    assert.match(other.text, /RUN echo \$V\n ---> Running in/);
    const history = h.host.store.resolve("r2").config.history ?? [];
    assert.equal(history.at(-1)?.createdBy, "|1 V=2 /bin/sh -c echo $V");
  });
});

describe("sameBuildConfig (dockerd's image/cache/compare.go)", () => {
  const base = { ...EMPTY_CONTAINER_CONFIG, env: ["A=1"], cmd: ["/bin/sh", "-c", "#(nop) ", "X"] };

  it("ignores Image, Hostname, WorkingDir, Shell, OnBuild and StopSignal", () => {
    const other = {
      ...base,
      image: "sha256:x",
      hostname: "abc",
      workingDir: "/w",
      shell: ["/bin/bash", "-c"],
      onBuild: ["RUN x"],
      stopSignal: "SIGKILL",
    };
    assert.ok(sameBuildConfig(base, other));
  });

  it("compares Cmd, Env, Labels, ports, Entrypoint, Volumes, User, and never matches open stdin", () => {
    assert.ok(!sameBuildConfig(base, { ...base, cmd: ["/bin/sh", "-c", "#(nop) ", "Y"] }));
    assert.ok(!sameBuildConfig(base, { ...base, env: ["A=2"] }));
    assert.ok(!sameBuildConfig(base, { ...base, user: "1" }));
    assert.ok(!sameBuildConfig({ ...base, labels: { a: "1" } }, { ...base, labels: { a: "2" } }));
    assert.ok(sameBuildConfig({ ...base, labels: {} }, { ...base, labels: null }));
    assert.ok(!sameBuildConfig(base, { ...base, exposedPorts: ["80/tcp"] }));
    assert.ok(!sameBuildConfig(base, { ...base, volumes: ["/v"] }));
    assert.ok(!sameBuildConfig(base, { ...base, entrypoint: ["x"] }));
    assert.ok(!sameBuildConfig({ ...base, openStdin: true }, { ...base, openStdin: true }));
  });
});
