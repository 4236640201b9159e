import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isDrydockError } from "../../../../src/errors/drydock-error.ts";
import { makeHarness, withoutIds } from "./support/harness.ts";

describe("the build stream (dockerd's classic builder)", () => {
  it("writes each step as two messages, arrows, aux and the success lines", async () => {
    const h = makeHarness();
    const result = await h.build({ Dockerfile: "FROM busybox\nENV A=1\n" }, { tags: ["x"] });
    const streams = result.messages.map((m) => m.stream ?? (m.aux !== undefined ? "<aux>" : "?"));
    assert.deepEqual(
      streams.map((s) => s.replace(/[0-9a-f]{12}/g, "<id>")),
      [
        "Step 1/2 : FROM busybox",
        "\n",
        " ---> <id>\n",
        "Step 2/2 : ENV A=1",
        "\n",
        " ---> Running in <id>\n",
        "Removing intermediate container <id>\n",
        " ---> <id>\n",
        "<aux>",
        "Successfully built <id>\n",
        "Successfully tagged x:latest\n",
      ],
    );
    const id = h.host.store.resolve("x:latest").id;
    assert.deepEqual(result.messages.find((m) => m.aux !== undefined)?.aux, { ID: id });
  });

  it("tags every -t, familiar names with :latest added, and refuses digests", async () => {
    const h = makeHarness();
    const result = await h.build(
      { Dockerfile: "FROM busybox\n" },
      { tags: ["a", "reg.example:5000/b:2"] },
    );
    assert.match(
      result.text,
      /Successfully tagged a:latest\nSuccessfully tagged reg.example:5000\/b:2\n$/,
    );
    assert.equal(h.host.store.resolve("a").id, h.host.store.resolve("reg.example:5000/b:2").id);
    const digest = await h.build(
      { Dockerfile: "FROM busybox\n" },
      { tags: [`c@sha256:${"0".repeat(64)}`] },
    );
    assert.equal(digest.thrown?.message, "build tag cannot contain a digest");
  });

  it("sends one aux message per stage", async () => {
    const h = makeHarness();
    const result = await h.build({
      Dockerfile: "FROM busybox AS a\nENV A=1\nFROM busybox\nENV B=2\n",
    });
    assert.equal(result.messages.filter((m) => m.aux !== undefined).length, 2);
  });

  it("prints ` ---> ` with nothing after FROM scratch", async () => {
    const h = makeHarness();
    const result = await h.build({ Dockerfile: "FROM scratch\nLABEL a=b\n" });
    assert.match(result.text, /^Step 1\/2 : FROM scratch\n ---> \n/);
  });

  it("colours RUN's stderr and passes its stdout through as written", async () => {
    const h = makeHarness();
    const result = await h.build({
      Dockerfile: "FROM busybox\nRUN echo out; cat /missing || true\n",
    });
    const outputs = result.messages
      .map((m) => m.stream)
      .filter(
        (s) => s?.startsWith("Step") === false && (s.includes("out") || s.includes("missing")),
      );
    assert.deepEqual(outputs, [
      "out\n",
      "\u001b[91mcat: can't open '/missing': No such file or directory\n\u001b[0m",
    ]);
  });

  it("ends a failed RUN with errorDetail.code, keeps its container and tags nothing", async () => {
    const h = makeHarness();
    const result = await h.build(
      { Dockerfile: "FROM busybox\nRUN echo x; exit 3\n" },
      { tags: ["t"] },
    );
    assert.deepEqual(result.error, {
      code: 3,
      message: "The command '/bin/sh -c echo x; exit 3' returned a non-zero code: 3",
    });
    assert.equal(result.messages.at(-1)?.error, result.error?.message);
    assert.equal(h.host.containerIds().length, 1);
    assert.throws(() => h.host.store.resolve("t"), /No such image: t:latest/);
  });

  it("keeps intermediate containers with rm=false and removes failed ones with forceRm", async () => {
    const h = makeHarness();
    const kept = await h.build({ Dockerfile: "FROM busybox\nENV A=1\nRUN true\n" }, { rm: false });
    assert.doesNotMatch(kept.text, /Removing intermediate container/);
    assert.equal(h.host.containerIds().length, 2);
    const forced = makeHarness();
    const failed = await forced.build(
      { Dockerfile: "FROM busybox\nRUN exit 1\n" },
      { forceRm: true },
    );
    assert.equal(failed.error?.code, 1);
    assert.match(failed.text, /Removing intermediate container [0-9a-f]{12}\n/);
    assert.deepEqual(forced.host.containerIds(), []);
  });

  it("answers errors found before any output as a thrown error (dockerd's HTTP error)", async () => {
    const h = makeHarness();
    const badTag = await h.build({ Dockerfile: "FROM busybox\n" }, { tags: ["Bad:Tag"] });
    assert.equal(
      badTag.thrown?.message,
      "invalid reference format: repository name must be lowercase",
    );
    assert.ok(isDrydockError(badTag.thrown) && badTag.thrown.code === "Internal");
    const target = await h.build({ Dockerfile: "FROM busybox\n" }, { target: "zzz" });
    assert.equal(target.thrown?.message, "failed to reach build target zzz in Dockerfile");
    const parse = await h.build({ Dockerfile: "FROM busybox\nFOO bar\n" });
    assert.equal(parse.thrown?.message, "dockerfile parse error line 2: unknown instruction: FOO");
    assert.equal(parse.messages.length, 0);
  });

  it("reports an empty build as dockerd does", async () => {
    const h = makeHarness();
    const result = await h.build({ Dockerfile: "FROM scratch\n" });
    assert.equal(result.error?.message, "No image was generated. Is your Dockerfile empty?");
  });

  it("sends only the image ID in quiet mode, and the whole log when it fails", async () => {
    const h = makeHarness();
    const quiet = await h.build(
      { Dockerfile: "FROM busybox\nENV A=1\n" },
      { quiet: true, tags: ["q"] },
    );
    assert.deepEqual(quiet.messages, [{ stream: `${h.host.store.resolve("q").id}\n` }]);
    const failed = await h.build({ Dockerfile: "FROM busybox\nRUN exit 2\n" }, { quiet: true });
    assert.match(
      withoutIds(failed.text),
      /^Step 1\/2 : FROM busybox\n ---> <id>\nStep 2\/2 : RUN exit 2\n/,
    );
    assert.equal(failed.error?.code, 2);
  });

  it("warns about unused build args before the success lines", async () => {
    const h = makeHarness();
    const result = await h.build(
      { Dockerfile: "FROM busybox\nARG USED\n" },
      { buildArgs: { USED: "1", ZED: "2", AB: "3" } },
    );
    assert.match(
      result.text,
      /\[Warning\] One or more build-args \[AB ZED\] were not consumed\nSuccessfully built/,
    );
  });

  it("prints the Dockerfile's warnings on stderr before the first step", async () => {
    const h = makeHarness();
    const result = await h.build({ Dockerfile: "FROM busybox\nRUN echo a \\\n\n  b\n" });
    assert.equal(
      result.messages[0]?.stream,
      "\u001b[91m[WARNING]: Empty continuation line found in:\n    RUN echo a   b\n[WARNING]: Empty continuation lines will become errors in a future release.\n\u001b[0m",
    );
  });
});
