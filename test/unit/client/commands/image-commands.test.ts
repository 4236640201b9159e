import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { errorMessage } from "../../../../src/engine/json-message.ts";
import { DrydockError } from "../../../../src/errors/drydock-error.ts";
import { fakeEngine, iterate } from "../helpers/fake-engine.ts";
import { memoryFiles } from "../helpers/memory-files.ts";
import { runLine } from "../helpers/run-line.ts";

const DIGEST = `sha256:${"4".repeat(64)}`;

describe("image commands", () => {
  it("tag parses the target the way the CLI does", async () => {
    const engine = fakeEngine({ imageTag: async () => undefined });
    await runLine(engine, ["tag", "localhost:5000/mini:1", "localhost:5000/other:1"]);
    assert.deepEqual(engine.calls[0]![1], [
      "localhost:5000/mini:1",
      { repo: "localhost:5000/other", tag: "1" },
    ]);
    await runLine(engine, ["tag", "a", "b"]);
    assert.deepEqual(engine.calls[1]![1], ["a", { repo: "b" }]);
    // CLI 28 against dockerd 20.10: the Go client library wraps the parse error.
    const bad = await runLine(engine, ["tag", "a", "b@@"]);
    assert.equal(
      bad.stderr,
      'Error parsing reference: "b@@" is not a valid repository/tag: invalid reference format\n',
    );
    const badSource = await runLine(engine, ["tag", "BAD:x", "ok"]);
    assert.equal(
      badSource.stderr,
      'Error parsing reference: "BAD:x" is not a valid repository/tag: invalid reference format: repository name (library/BAD) must be lowercase\n',
    );
    assert.equal(engine.calls.length, 2);
  });

  it("rmi prints Untagged/Deleted lines and collects failures", async () => {
    const engine = fakeEngine({
      imageRemove: async (name) => {
        if (name === "nope") throw new DrydockError("NotFound", "No such image: nope");
        return [{ Untagged: `${name}:latest` }, { Deleted: DIGEST }];
      },
    });
    const result = await runLine(engine, ["rmi", "-f", "a", "nope"]);
    assert.equal(result.stdout, `Untagged: a:latest\nDeleted: ${DIGEST}\n`);
    assert.equal(result.stderr, "Error response from daemon: No such image: nope\n");
    assert.equal(result.exitCode, 1);
    assert.deepEqual(engine.calls[0]![1], ["a", { force: true, noprune: false }]);
  });

  it("pull prints the progress lines (no bars off a terminal) and the reference", async () => {
    const engine = fakeEngine({
      imagePull: () =>
        iterate([
          { status: "Pulling from mini", id: "1" },
          { status: "Pulling fs layer", progressDetail: {}, id: "2a0873a96e22" },
          {
            status: "Downloading",
            progressDetail: { current: 36412, total: 1064348 },
            progress: "[=>   ]",
            id: "2a0873a96e22",
          },
          { status: "Pull complete", progressDetail: {}, id: "2a0873a96e22" },
          { status: `Digest: ${DIGEST}` },
          { status: "Status: Downloaded newer image for localhost:5000/mini:1" },
        ]),
    });
    const result = await runLine(engine, ["pull", "localhost:5000/mini:1"]);
    assert.equal(
      result.stdout,
      `1: Pulling from mini\n2a0873a96e22: Pulling fs layer\n2a0873a96e22: Pull complete\nDigest: ${DIGEST}\n` +
        "Status: Downloaded newer image for localhost:5000/mini:1\nlocalhost:5000/mini:1\n",
    );
    assert.deepEqual(engine.calls[0]![1], [{ fromImage: "localhost:5000/mini", tag: "1" }]);
  });

  it("pull errors: before the stream (daemon error) and inside it", async () => {
    const before = fakeEngine({
      imagePull: () =>
        (async function* () {
          yield* [];
          throw new DrydockError(
            "NotFound",
            "manifest for localhost:5000/mini:nope not found: manifest unknown: manifest unknown",
          );
        })(),
    });
    const result = await runLine(before, ["pull", "localhost:5000/mini:nope"]);
    assert.equal(
      result.stderr,
      "Error response from daemon: manifest for localhost:5000/mini:nope not found: manifest unknown: manifest unknown\n",
    );
    assert.equal(result.exitCode, 1);
    const inside = fakeEngine({ imagePull: () => iterate([errorMessage("unauthorized")]) });
    assert.equal((await runLine(inside, ["pull", "x"])).stderr, "unauthorized\n");
  });

  it("push prints what the registry conversation produced", async () => {
    const engine = fakeEngine({
      imagePush: () =>
        iterate([
          { status: "The push refers to repository [localhost:5000/mini]" },
          { status: "Preparing", progressDetail: {}, id: "b619f71faa5e" },
          { status: "Pushed", progressDetail: {}, id: "b619f71faa5e" },
          { status: `1: digest: ${DIGEST} size: 1356` },
          { progressDetail: {}, aux: { Tag: "1", Digest: DIGEST, Size: 1356 } },
        ]),
    });
    const result = await runLine(engine, ["push", "localhost:5000/mini:1"]);
    assert.equal(
      result.stdout,
      `The push refers to repository [localhost:5000/mini]\nb619f71faa5e: Preparing\nb619f71faa5e: Pushed\n1: digest: ${DIGEST} size: 1356\n`,
    );
    assert.deepEqual(engine.calls[0]![1], ["localhost:5000/mini", { tag: "1" }]);
  });

  it("save writes the archive to -o or stdout; load reads -i or stdin", async () => {
    const archive = new Uint8Array([9, 8, 7]);
    const engine = fakeEngine({
      imageSave: async () => archive,
      imageLoad: () => iterate([{ stream: "Loaded image: mini:1\n" }]),
    });
    const host = memoryFiles({});
    await runLine(engine, ["save", "-o", "out.tar", "mini:1"], { files: host });
    assert.deepEqual([...(await host.readFile("/work/out.tar"))], [9, 8, 7]);
    const stdout = await runLine(engine, ["save", "mini:1"]);
    assert.deepEqual([...stdout.io.stdoutBytes()], [9, 8, 7]);
    const loaded = await runLine(engine, ["load", "-i", "out.tar"], { files: host });
    assert.equal(loaded.stdout, "Loaded image: mini:1\n");
    assert.deepEqual(engine.calls.at(-1)![1], [archive, { quiet: true }]);
    const fromStdin = await runLine(engine, ["load"], { stdin: archive });
    assert.equal(fromStdin.exitCode, 0);
  });

  it("image prune asks first; with -f prints what was deleted", async () => {
    const engine = fakeEngine({
      imagePrune: async () => ({
        deleted: [{ Untagged: "a:1" }, { Deleted: DIGEST }],
        SpaceReclaimed: 1985499,
      }),
    });
    const declined = await runLine(engine, ["image", "prune"], { stdin: "n\n" });
    assert.equal(
      declined.stdout,
      "WARNING! This will remove all dangling images.\nAre you sure you want to continue? [y/N] ",
    );
    assert.equal(engine.calls.length, 0);
    const forced = await runLine(engine, ["image", "prune", "-f"]);
    assert.equal(
      forced.stdout,
      `Deleted Images:\nuntagged: a:1\ndeleted: ${DIGEST}\n\nTotal reclaimed space: 1.985MB\n`,
    );
    assert.deepEqual(engine.calls[0]![1], [{ filters: { dangling: ["true"] } }]);
    await runLine(engine, ["image", "prune", "-a"], { stdin: "y\n" });
    assert.deepEqual(engine.calls[1]![1], [{ filters: { dangling: ["false"] } }]);
  });
});
