/**
 * docker save / docker load against a private real dockerd (test/support/real-docker.ts): real
 * archives load into drydock with every digest checked, drydock's archives are what dockerd
 * writes byte for byte, and dockerd loads and runs what drydock saves. Skips, with the reason,
 * where dockerd cannot run.
 */
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it, type TestContext } from "node:test";
import { tarEntry } from "../../src/archive/tar-entry.ts";
import { readTar } from "../../src/archive/tar-reader.ts";
import { writeTar } from "../../src/archive/tar-writer.ts";
import { writeBlob } from "../../src/content/write-blob.ts";
import { digestOf } from "../../src/digest/digest.ts";
import { loadDockerArchive } from "../../src/image/docker-archive/load-docker-archive.ts";
import { saveDockerArchive } from "../../src/image/docker-archive/save-docker-archive.ts";
import { appendLayer, configBytes, type Image, withConfig } from "../../src/image/image.ts";
import { parseNormalizedNamed } from "../../src/image/reference.ts";
import { buildRealBusybox, type RealDockerd, startRealDockerd } from "../support/real-docker.ts";
import { emptyStores } from "../unit/image/docker-archive-support.ts";

const LONG = `${"l".repeat(100)}/${"m".repeat(100)}`;
const PROBE_DOCKERFILE = `FROM busybox
RUN mkdir -p /t/keep /t/opq/sub /t/gone && echo a > /t/keep/a && echo b > /t/opq/b && echo c > /t/opq/sub/c && echo g > /t/gone/g && echo f > /t/file && echo h > /t/hl
RUN rm /t/file && rm -rf /t/gone /t/opq && mkdir /t/opq && echo n > /t/opq/new && ln /t/hl /t/keep/hl2 && ln -s ../keep/a /t/opq/link && mkdir -p /t/${LONG} && echo deep > /t/${LONG}/${"n".repeat(120)}
CMD ["cat", "/t/opq/new"]
`;

let dockerd: RealDockerd | undefined;
let skipReason: string | undefined;

before(async () => {
  const started = await startRealDockerd();
  if (typeof started === "string") {
    skipReason = started;
    return;
  }
  dockerd = started;
  await buildRealBusybox(dockerd);
  const context = join(dockerd.dir, "probe-context");
  mkdirSync(context, { recursive: true });
  writeFileSync(join(context, "Dockerfile"), PROBE_DOCKERFILE);
  await dockerd.docker(["build", "-q", "-t", "interop/probe:1", context]);
});

after(async () => {
  await dockerd?.stop();
});

/** The daemon, or undefined after marking the test skipped. */
function real(t: TestContext): RealDockerd | undefined {
  if (dockerd === undefined) t.skip(skipReason ?? "dockerd did not start");
  return dockerd;
}

async function inspect(
  daemon: RealDockerd,
  name: string,
): Promise<{ Id: string; RepoTags: string[]; RootFS: { Layers: string[] } }> {
  const out = await daemon.docker(["image", "inspect", name]);
  return JSON.parse(out.stdout.toString())[0];
}

/** A new top layer made by drydock, on an image drydock loaded, that the real daemon has never seen. */
async function drydockImage(stores: ReturnType<typeof emptyStores>, base: Image): Promise<Image> {
  const tar = writeTar([
    tarEntry({
      path: "drydock.txt",
      type: "file",
      data: new TextEncoder().encode("made by drydock\n"),
      mtimeUs: 1_700_000_000_000_000,
    }),
  ]);
  await writeBlob(stores.content, tar);
  const stacked = appendLayer(base, {
    diffId: digestOf(tar),
    history: { createdUs: 1_700_000_001_000_000, createdBy: "drydock" },
  });
  const image = withConfig(stacked, { config: { cmd: ["cat", "/drydock.txt"] } });
  stores.images.add(image);
  await writeBlob(stores.content, configBytes(image));
  stores.images.tag(parseNormalizedNamed("drydock/roundtrip:1"), image.id);
  return image;
}

describe("interop: docker save → drydock", () => {
  it("loads real archives with every digest verified: same IDs, configs, diff IDs", async (t) => {
    const daemon = real(t);
    if (daemon === undefined) return;
    const archive = new Uint8Array(
      (await daemon.docker(["save", "busybox:latest", "interop/probe:1"])).stdout,
    );
    const stores = emptyStores();
    const result = await loadDockerArchive({ archive, ...stores });
    // dockerd writes a multi-image save in Go map order, which varies from run to run.
    assert.deepEqual([...result.messages].sort(), [
      "Loaded image: busybox:latest\n",
      "Loaded image: interop/probe:1\n",
    ]);
    assert.equal(result.messages.length, 2);
    const files = new Map(readTar(archive).map((entry) => [entry.path, entry.data]));
    for (const name of ["busybox:latest", "interop/probe:1"]) {
      const realImage = await inspect(daemon, name);
      const image = stores.images.resolve(name);
      assert.equal(image.id, realImage.Id);
      assert.deepEqual(image.config.rootfs.diffIds, realImage.RootFS.Layers);
      assert.deepEqual(await stores.content.read(image.id), files.get(`${image.id.slice(7)}.json`));
      for (const layer of image.layers)
        assert.equal(digestOf(await stores.content.read(layer.diffId)), layer.diffId);
    }
    const probe = stores.images.resolve("interop/probe:1");
    const topTar = readTar(await stores.content.read(probe.layers.at(-1)!.diffId));
    const kinds = new Set<string>(
      topTar.map((entry) =>
        entry.path.endsWith(".wh..wh..opq")
          ? "opaque"
          : entry.path.includes(".wh.")
            ? "whiteout"
            : entry.type,
      ),
    );
    for (const kind of ["opaque", "whiteout", "hardlink", "symlink"])
      assert.ok(kinds.has(kind), `the probe layer has a ${kind}`);
    assert.ok(
      topTar.some((entry) => entry.path.length > 255),
      "and a long name",
    );
  });

  it("saves exactly the bytes docker save writes, image by image", async (t) => {
    const daemon = real(t);
    if (daemon === undefined) return;
    const stores = emptyStores();
    for (const name of ["busybox:latest", "interop/probe:1"]) {
      const recorded: Uint8Array = new Uint8Array((await daemon.docker(["save", name])).stdout);
      await loadDockerArchive({ archive: recorded, ...stores });
      const saved = await saveDockerArchive({ ...stores, names: [name], nowUs: 0 });
      assert.equal(
        Buffer.compare(saved, recorded),
        0,
        `${name}: ${saved.length} vs ${recorded.length} bytes`,
      );
    }
  });
});

describe("interop: drydock save → docker load", () => {
  it("dockerd loads it, prints what drydock prints, keeps the ID, runs it, saves the same bytes", async (t) => {
    const daemon = real(t);
    if (daemon === undefined) return;
    const stores = emptyStores();
    await loadDockerArchive({
      archive: new Uint8Array((await daemon.docker(["save", "interop/probe:1"])).stdout),
      ...stores,
    });
    const image = await drydockImage(stores, stores.images.resolve("interop/probe:1"));
    const archive = await saveDockerArchive({
      ...stores,
      names: ["drydock/roundtrip:1"],
      nowUs: 0,
    });
    const printed = (await daemon.docker(["load"], { input: archive })).stdout.toString();
    const mirror = emptyStores();
    assert.equal(printed, (await loadDockerArchive({ archive, ...mirror })).messages.join(""));
    const loaded = await inspect(daemon, "drydock/roundtrip:1");
    assert.equal(loaded.Id, image.id);
    assert.deepEqual(loaded.RepoTags, ["drydock/roundtrip:1"]);
    const run = await daemon.docker([
      "run",
      "--rm",
      "--pull=never",
      "--network",
      "none",
      "drydock/roundtrip:1",
    ]);
    assert.equal(run.stdout.toString(), "made by drydock\n");
    const resaved = new Uint8Array((await daemon.docker(["save", "drydock/roundtrip:1"])).stdout);
    assert.equal(Buffer.compare(resaved, archive), 0);
  });

  it("moves a tag with dockerd's message, on both sides", async (t) => {
    const daemon = real(t);
    if (daemon === undefined) return;
    const stores = emptyStores();
    const both = (await daemon.docker(["save", "busybox:latest", "interop/probe:1"])).stdout;
    await loadDockerArchive({ archive: new Uint8Array(both), ...stores });
    const busybox = stores.images.resolve("busybox:latest");
    const archive = await saveDockerArchive({ ...stores, names: ["busybox:latest"], nowUs: 0 });
    // The same archive, loaded on both sides while busybox:latest points at the probe image.
    await daemon.docker(["tag", "interop/probe:1", "busybox:latest"]);
    stores.images.tag(
      parseNormalizedNamed("busybox:latest"),
      stores.images.resolve("interop/probe:1").id,
    );
    const printed = (await daemon.docker(["load"], { input: archive })).stdout.toString();
    const expected = (await loadDockerArchive({ archive, ...stores })).messages.join("");
    assert.match(
      printed,
      /^The image busybox:latest already exists, renaming the old one with ID sha256:[0-9a-f]{64} to empty string\n/,
    );
    assert.equal(printed, expected);
    assert.equal((await inspect(daemon, "busybox:latest")).Id, busybox.id);
  });

  it("refuses a tampered layer with dockerd's message", async (t) => {
    const daemon = real(t);
    if (daemon === undefined) return;
    const stores = emptyStores();
    await loadDockerArchive({
      archive: new Uint8Array((await daemon.docker(["save", "busybox:latest"])).stdout),
      ...stores,
    });
    const image = await drydockImage(stores, stores.images.resolve("busybox:latest"));
    const good = await saveDockerArchive({ ...stores, names: ["drydock/roundtrip:1"], nowUs: 0 });
    const manifest = readTar(good).find((entry) => entry.path === "manifest.json")!;
    const top: string = JSON.parse(new TextDecoder().decode(manifest.data))[0].Layers.at(-1);
    const tampered = writeTar(
      readTar(good).map((entry) =>
        entry.path === top
          ? {
              ...entry,
              data: writeTar([
                tarEntry({
                  path: "drydock.txt",
                  type: "file",
                  data: new TextEncoder().encode("tampered!!!!!!!\n"),
                }),
              ]),
            }
          : entry,
      ),
    );
    const ours = await loadDockerArchive({ archive: tampered, ...emptyStores() }).then(
      () => "",
      (error: Error) => error.message,
    );
    assert.match(
      ours,
      new RegExp(
        `^invalid diffID for layer ${image.layers.length - 1}: expected "${image.layers.at(-1)!.diffId}"`,
      ),
    );
    await daemon.docker(["rmi", "-f", "drydock/roundtrip:1"]).catch(() => undefined);
    const theirs = await daemon.docker(["load"], { input: tampered }).then(
      () => "",
      (error: { stderr?: Buffer | string }) => String(error.stderr ?? ""),
    );
    assert.ok(theirs.includes(ours), `dockerd said: ${theirs}`);
  });
});
