import type { TarEntry } from "../../../../src/archive/tar-entry.ts";
import type { Mount } from "../../../../src/runtime/mounted-fs.ts";
import { file, World } from "../runtime-harness.ts";

/** What a script printed and how it ended. */
export interface SystemRun {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
  readonly world: World;
}

/** Runs `sh -c script` as PID 1 in a busybox container with extra files and mounts. */
export async function runSystem(
  script: string,
  options: { files?: Readonly<Record<string, string>>; mounts?: readonly Mount[] } = {},
): Promise<SystemRun> {
  const layer: TarEntry[] = Object.entries(options.files ?? {}).map(([path, content]) =>
    file(path, content),
  );
  const world = new World({ layers: layer.length === 0 ? [] : [layer], mounts: options.mounts });
  const { status, stdout, stderr } = await world.sh(script);
  return { stdout, stderr, exitCode: status.exitCode, world };
}

/** busybox's banner line, which heads every usage text. */
export const BANNER = "BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.\n";
