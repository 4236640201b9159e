/**
 * Seeds a real world with the offline busybox image, built once: pushed to every registry that
 * holds it (under the repository the simulator uses) and loaded, with the same image ID, into
 * every daemon that has it from the start. The daemon it was built on keeps nothing of it unless
 * it is one of those.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { buildBusyboxImage } from "./busybox-image.ts";
import type { DockerdProcess } from "./dockerd-process.ts";
import type { RegistryProcess } from "./registry-process.ts";

/** Options of {@link seedRealWorld}. */
export interface SeedRealWorldOptions {
  /** Where busybox is built (any daemon of the world). */
  readonly builder: DockerdProcess;
  /** Path of Debian's static busybox. */
  readonly busybox: string;
  /** Registries to push it to and the repository each keeps it under (`library/busybox`). */
  readonly registries: readonly { process: RegistryProcess; repository: string }[];
  /** Daemons that get `busybox:latest`. */
  readonly baseHosts: readonly DockerdProcess[];
  /** A scratch directory for the build context (removed after). */
  readonly workDir: string;
  /** Where `docker save` writes busybox, kept so a reset can load it again. */
  readonly archive: string;
}

/** The seeded image. */
export interface SeededBusybox {
  readonly id: string;
}

const TAG = "busybox:latest";

/**
 * Builds, pushes and loads busybox as described; each registry then keeps it as its seed.
 * Returns the image's ID, or undefined when nothing needed it.
 */
export async function seedRealWorld(
  options: SeedRealWorldOptions,
): Promise<SeededBusybox | undefined> {
  if (options.registries.length === 0 && options.baseHosts.length === 0) return undefined;
  const docker = options.builder.docker;
  await buildBusyboxImage({
    docker,
    busybox: options.busybox,
    contextDir: join(options.workDir, "busybox-context"),
    tag: TAG,
  });
  const inspected = await docker(["image", "inspect", "-f", "{{.Id}}", TAG]);
  const id = inspected.stdout.toString().trim();
  for (const registry of options.registries) {
    const reference = `${registry.process.address}/${registry.repository}:latest`;
    await docker(["tag", TAG, reference]);
    await docker(["push", "-q", reference]);
    await docker(["rmi", reference]);
    registry.process.keepAsSeed();
  }
  const archive = options.archive;
  if (options.baseHosts.length > 0) await docker(["save", "-o", archive, TAG]);
  // Loaded rather than kept, so the builder has no intermediate build images the others lack.
  await docker(["rmi", TAG]);
  await Promise.all(options.baseHosts.map((host) => host.docker(["load", "-q", "-i", archive])));
  rmSync(options.workDir, { recursive: true, force: true });
  return { id };
}
