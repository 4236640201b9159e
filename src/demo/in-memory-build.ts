import { gzip } from "../archive/gzip.ts";
import { writeTar } from "../archive/tar-writer.ts";
import type { Clock } from "../clock/clock.ts";
import { formatRfc3339Nano } from "../clock/time-format.ts";
import { VirtualClock } from "../clock/virtual-clock.ts";
import { digestOf, shortId } from "../digest/digest.ts";
import { treeFromEntries } from "../fs/apply-entries.ts";
import type { LayerTree } from "../fs/layer-tree.ts";
import { OverlayFs } from "../fs/overlay-fs.ts";
import type { VirtualFs } from "../fs/virtual-fs.ts";
import type { Descriptor } from "../image/descriptor.ts";
import {
  appendEmptyLayerHistory,
  appendLayer,
  configDescriptor,
  type Image,
  scratchImage,
  withConfig,
} from "../image/image.ts";
import { serializeImageConfig } from "../image/image-config.ts";
import { createManifest, encodeManifest } from "../image/manifest.ts";
import { MediaType } from "../image/media-types.ts";

/** Where the demo writes: a line-oriented text sink (the CLI passes stdout). */
export interface DemoOutput {
  write(text: string): void;
}

const encoder = new TextEncoder();

/**
 * `npm start` until the full build → push → pull → run workflow exists: builds a small image
 * entirely in memory, on the virtual clock, the way the classic builder would for
 *
 *     FROM scratch
 *     COPY hello.txt /app/hello.txt
 *     RUN mkdir /app/data && echo built > /app/data/stamp   (simulated: the changes are made
 *                                                          directly in the container layer)
 *     CMD ["cat", "/app/hello.txt"]
 *
 * and prints each layer's diffID and compressed digest, the image ID, the config and the manifest
 * a `docker push` would upload. Same seed and code → same bytes, on any machine.
 */
export function runInMemoryBuildDemo(out: DemoOutput): Image {
  const clock = new VirtualClock();
  out.write("drydock demo: building an image in memory (no Docker, no disk, virtual time)\n\n");
  let image = scratchImage();
  const layers: Descriptor[] = [];
  const trees: LayerTree[] = [];

  out.write("Step 1/4 : FROM scratch\n ---> (empty base)\n");
  const copy = layerFromChanges(clock, trees, (fs, nowUs) => {
    fs.mkdirp("/app", { nowUs });
    fs.writeFile("/app/hello.txt", encoder.encode("hello from drydock\n"), { nowUs });
  });
  image = appendLayer(image, {
    diffId: copy.diffId,
    history: history(clock, "/bin/sh -c #(nop) COPY file:hello.txt in /app/hello.txt "),
  });
  layers.push(copy.compressed);
  reportLayer(out, "Step 2/4 : COPY hello.txt /app/hello.txt", copy, image);

  const run = layerFromChanges(clock, trees, (fs, nowUs) => {
    fs.mkdirp("/app/data", { nowUs });
    fs.writeFile("/app/data/stamp", encoder.encode("built\n"), { nowUs });
  });
  image = appendLayer(image, {
    diffId: run.diffId,
    history: history(clock, "/bin/sh -c mkdir /app/data && echo built > /app/data/stamp"),
  });
  layers.push(run.compressed);
  reportLayer(out, "Step 3/4 : RUN mkdir /app/data && echo built > /app/data/stamp", run, image);

  image = withConfig(image, {
    config: {
      cmd: ["cat", "/app/hello.txt"],
      env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
    },
  });
  image = appendEmptyLayerHistory(
    image,
    history(clock, '/bin/sh -c #(nop)  CMD ["cat" "/app/hello.txt"]'),
  );
  out.write(`Step 4/4 : CMD ["cat", "/app/hello.txt"]\n ---> ${shortId(image.id)}\n`);
  out.write(`Successfully built ${shortId(image.id)}\n\n`);

  const manifest = encodeManifest(
    createManifest({
      dialect: "docker",
      config: configDescriptor(image, MediaType.dockerConfig),
      layers,
    }),
  );
  out.write(`image ID (sha256 of the config): ${image.id}\n`);
  out.write(`created (virtual clock):          ${formatRfc3339Nano(clock.nowUs())}\n\n`);
  out.write(
    `config (${image.configJson.length} bytes, as dockerd writes it):\n${serializeImageConfig(image.config, "docker")}\n\n`,
  );
  out.write(
    `manifest ${manifest.digest} (${manifest.bytes.length} bytes, as docker push uploads it):\n`,
  );
  out.write(`${new TextDecoder().decode(manifest.bytes)}\n`);
  return image;
}

interface BuiltLayer {
  readonly diffId: ReturnType<typeof digestOf>;
  readonly tarSizeBytes: number;
  readonly compressed: Descriptor;
}

/**
 * Makes changes in a fresh container layer over the layers so far, then diffs it into a layer
 * blob, as the builder commits a step; the new layer joins `trees` for the next step.
 */
function layerFromChanges(
  clock: VirtualClock,
  trees: LayerTree[],
  change: (fs: VirtualFs, nowUs: number) => void,
): BuiltLayer {
  clock.advanceBy(250_000);
  const overlay = new OverlayFs({ lowers: trees, nowUs: clock.nowUs() });
  change(overlay, clock.nowUs());
  const entries = overlay.diff();
  trees.push(treeFromEntries(entries, { nowUs: clock.nowUs() }));
  const tar = writeTar(entries);
  const gz = gzip(tar);
  return {
    diffId: digestOf(tar),
    tarSizeBytes: tar.length,
    compressed: {
      mediaType: MediaType.dockerLayerGzip,
      digest: digestOf(gz),
      sizeBytes: gz.length,
    },
  };
}

function history(clock: Clock, createdBy: string): { createdUs: number; createdBy: string } {
  return { createdUs: clock.nowUs(), createdBy };
}

function reportLayer(out: DemoOutput, step: string, layer: BuiltLayer, image: Image): void {
  out.write(`${step}\n`);
  out.write(`     layer diffID ${layer.diffId} (tar, ${layer.tarSizeBytes} bytes)\n`);
  out.write(`     gzip blob    ${layer.compressed.digest} (${layer.compressed.sizeBytes} bytes)\n`);
  out.write(` ---> ${shortId(image.id)}\n`);
}
