/**
 * A `busybox:latest` for builder tests, shaped like the one the differential recordings use
 * (Debian's static busybox: `COPY busybox /bin/busybox`, `RUN busybox --install -s /bin`,
 * `CMD ["sh"]`), with a few-byte stand-in for the binary and a handful of applet links.
 */

import { type TarEntry, tarEntry } from "../../../../../src/archive/tar-entry.ts";
import { writeTar } from "../../../../../src/archive/tar-writer.ts";
import type { MemBuildHost } from "../../../../../src/builder/mem-build-host.ts";
import { formatRfc3339Nano } from "../../../../../src/clock/time-format.ts";
import { digestOf } from "../../../../../src/digest/digest.ts";
import { EMPTY_CONTAINER_CONFIG } from "../../../../../src/image/container-config.ts";
import { type Image, imageFromConfig } from "../../../../../src/image/image.ts";
import { parseNormalizedNamed } from "../../../../../src/image/reference.ts";

export const BUSYBOX_APPLETS = [
  "cat",
  "echo",
  "false",
  "ln",
  "mkdir",
  "printf",
  "rm",
  "sh",
  "touch",
  "true",
];
const PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
const T0 = 1_767_225_600_000_000;

export function busyboxLayers(): TarEntry[][] {
  const bin = tarEntry({ path: "bin", type: "directory", mtimeUs: T0 });
  const binary = tarEntry({
    path: "bin/busybox",
    type: "file",
    mode: 0o755,
    mtimeUs: T0,
    data: new TextEncoder().encode("fake busybox\n"),
  });
  const links = BUSYBOX_APPLETS.map((name) =>
    tarEntry({ path: `bin/${name}`, type: "symlink", linkTarget: "/bin/busybox", mtimeUs: T0 }),
  );
  return [
    [bin, binary],
    [bin, ...links],
  ];
}

export function busyboxImage(): { image: Image; layers: TarEntry[][] } {
  const layers = busyboxLayers();
  const diffIds = layers.map((entries) => digestOf(writeTar(entries)));
  const created = formatRfc3339Nano(T0);
  const image = imageFromConfig({
    architecture: "amd64",
    os: "linux",
    created,
    config: { ...EMPTY_CONTAINER_CONFIG, env: [PATH], cmd: ["sh"] },
    containerConfig: {
      ...EMPTY_CONTAINER_CONFIG,
      env: [PATH],
      cmd: ["/bin/sh", "-c", "#(nop) ", 'CMD ["sh"]'],
      labels: {},
    },
    dockerVersion: "20.10.24+dfsg1",
    history: [
      {
        created,
        createdBy:
          "/bin/sh -c #(nop) COPY file:73e2b2d48642b21b357384b0cb81c1869cc5e0c48a00f61553756196058304b9 in /bin/busybox ",
      },
      { created, createdBy: "/bin/busybox --install -s /bin" },
      { created, createdBy: '/bin/sh -c #(nop)  CMD ["sh"]', emptyLayer: true },
    ],
    rootfs: { type: "layers", diffIds },
  });
  return { image, layers };
}

/** Puts `busybox:latest` into a host's store. */
export function seedBusybox(host: MemBuildHost): Image {
  const { image, layers } = busyboxImage();
  host.addImage(image, layers);
  host.store.tag(parseNormalizedNamed("busybox:latest"), image.id);
  return image;
}
