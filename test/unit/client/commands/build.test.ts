import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readTar } from "../../../../src/archive/tar-reader.ts";
import type { BuildContextInput, ImageBuildOptions } from "../../../../src/engine/engine.ts";
import { errorMessage, type JsonMessage } from "../../../../src/engine/json-message.ts";
import { fakeEngine, iterate } from "../helpers/fake-engine.ts";
import { memoryFiles } from "../helpers/memory-files.ts";
import { runLine } from "../helpers/run-line.ts";

const BANNER =
  "DEPRECATED: The legacy builder is deprecated and will be removed in a future release.\n" +
  "            Install the buildx component to build images with BuildKit:\n" +
  "            https://docs.docker.com/go/buildx/\n\n";

function buildEngine(
  stream: readonly JsonMessage[] = [
    { stream: "Step 1/1 : FROM scratch" },
    { stream: "\n" },
    { aux: { ID: `sha256:${"9".repeat(64)}` } },
    { stream: "Successfully built 999999999999\n" },
  ],
) {
  const seen: { context?: BuildContextInput; options?: ImageBuildOptions } = {};
  const engine = fakeEngine({
    imageBuild: (context, options) => {
      seen.context = context;
      seen.options = options;
      // A quiet daemon sends only the image ID, as a stream line.
      return iterate(options.quiet === true ? [{ stream: `sha256:${"9".repeat(64)}\n` }] : stream);
    },
  });
  return { engine, seen };
}

function entryNames(context: BuildContextInput | undefined): string[] {
  assert.equal(context?.kind, "tar");
  return context.kind === "tar" ? readTar(context.archive).map((entry) => entry.path) : [];
}

const files = () =>
  memoryFiles({
    "/work/app/Dockerfile": "FROM scratch\nCOPY . /\n",
    "/work/app/.dockerignore": "ignored.txt\nlogs\n!logs/keep.log\n",
    "/work/app/hello.txt": "hello from context\n",
    "/work/app/ignored.txt": "nope\n",
    "/work/app/logs/a.log": "a\n",
    "/work/app/logs/keep.log": "k\n",
    "/work/app/src/main.sh": {
      type: "file",
      data: new TextEncoder().encode("echo\n"),
      mode: 0o755,
      mtimeUs: 1_700_000_000_000_000,
    },
  });

describe("docker build", () => {
  it("tars the directory with .dockerignore applied and prints the CLI's lines", async () => {
    const { engine, seen } = buildEngine();
    const result = await runLine(
      engine,
      ["build", "-t", "app:1", "-t", "app:latest", "--build-arg", "V=7", "--label", "k=v", "app"],
      {
        files: files(),
      },
    );
    assert.equal(result.exitCode, 0);
    assert.deepEqual(entryNames(seen.context), [
      ".dockerignore",
      "Dockerfile",
      "hello.txt",
      "logs/keep.log",
      "src",
      "src/main.sh",
    ]);
    const size = seen.context?.kind === "tar" ? seen.context.archive.length : 0;
    assert.equal(size, 6656);
    assert.equal(
      result.stdout,
      "Sending build context to Docker daemon  6.656kB\nStep 1/1 : FROM scratch\nSuccessfully built 999999999999\n",
    );
    assert.equal(result.stderr, BANNER);
    assert.deepEqual(seen.options?.tags, ["app:1", "app:latest"]);
    assert.deepEqual(seen.options?.buildArgs, { V: "7" });
    assert.deepEqual(seen.options?.labels, { k: "v" });
    assert.equal(seen.options?.rm, true);
    assert.equal(seen.options?.dockerfile, "Dockerfile");
    const main =
      seen.context?.kind === "tar"
        ? readTar(seen.context.archive).find((entry) => entry.path === "src/main.sh")
        : undefined;
    assert.equal(main?.mode, 0o755);
    assert.equal(main?.uid, 0);
  });

  it("wraps a Dockerfile from stdin into a 2048-byte tar, as the CLI does", async () => {
    const { engine, seen } = buildEngine();
    const result = await runLine(engine, ["build", "-t", "stdin-test", "-"], {
      stdin: "FROM scratch\nRUN echo hi\n",
    });
    assert.match(result.stdout, /^Sending build context to Docker daemon {2}2\.048kB\n/);
    assert.deepEqual(entryNames(seen.context), ["Dockerfile"]);
  });

  it("right-aligns the context size in 8 columns, as the CLI's progress formatter does", async () => {
    const { engine } = buildEngine();
    // 5120 bytes: "5.12kB", six characters, after three spaces (recorded from CLI 28).
    const result = await runLine(engine, ["build", "-t", "pad", "-"], {
      stdin: `FROM scratch\n#${"x".repeat(3300)}\n`,
    });
    assert.match(result.stdout, /^Sending build context to Docker daemon {3}5\.12kB\n/);
  });

  it("passes a tar from stdin as is", async () => {
    const { engine, seen } = buildEngine();
    const tar = new Uint8Array(2048);
    tar.set(new TextEncoder().encode("Dockerfile"), 0);
    tar.set(new TextEncoder().encode("ustar"), 257);
    await runLine(engine, ["build", "-"], { stdin: tar });
    assert.equal(seen.context?.kind === "tar" ? seen.context.archive.length : 0, 2048);
  });

  it("-q prints only the image ID; --iidfile writes it", async () => {
    const { engine } = buildEngine();
    const host = files();
    const result = await runLine(engine, ["build", "-q", "--iidfile", "/work/iid", "app"], {
      files: host,
    });
    assert.equal(result.stdout, `sha256:${"9".repeat(64)}\n`);
    assert.equal(
      new TextDecoder().decode(await host.readFile("/work/iid")),
      `sha256:${"9".repeat(64)}`,
    );
  });

  it("exits with the failing step's code and prints its message", async () => {
    const { engine } = buildEngine([
      { stream: "about to fail\n" },
      errorMessage("The command '/bin/sh -c exit 3' returned a non-zero code: 3", 3),
    ]);
    const result = await runLine(engine, ["build", "app"], { files: files() });
    assert.equal(result.exitCode, 3);
    assert.equal(
      result.stderr,
      `${BANNER}The command '/bin/sh -c exit 3' returned a non-zero code: 3\n`,
    );
  });

  it("reports missing contexts and BuildKit as the CLI does", async () => {
    const { engine } = buildEngine();
    const missing = await runLine(engine, ["build", "nowhere"], { files: files() });
    assert.equal(missing.stderr, `${BANNER}unable to prepare context: path "nowhere" not found\n`);
    assert.equal(missing.exitCode, 1);
    const buildkit = await runLine(engine, ["build", "app"], {
      files: files(),
      env: { DOCKER_BUILDKIT: "1" },
    });
    assert.equal(
      buildkit.stderr.split("\n")[0],
      "ERROR: BuildKit is enabled but the buildx component is missing or broken.",
    );
    assert.equal(buildkit.exitCode, 1);
    const disabled = await runLine(engine, ["build", "app"], {
      files: files(),
      env: { DOCKER_BUILDKIT: "0" },
    });
    assert.match(
      disabled.stderr,
      /BuildKit is currently disabled; enable it by removing the DOCKER_BUILDKIT=0\n/,
    );
  });

  it("-f names a Dockerfile inside the context by its relative path", async () => {
    const { engine, seen } = buildEngine();
    const host = files();
    await host.mkdir("/work/app/build");
    await host.writeFile(
      "/work/app/build/Dockerfile.prod",
      new TextEncoder().encode("FROM scratch\n"),
    );
    await runLine(engine, ["build", "-f", "app/build/Dockerfile.prod", "app"], { files: host });
    assert.equal(seen.options?.dockerfile, "build/Dockerfile.prod");
  });
});
