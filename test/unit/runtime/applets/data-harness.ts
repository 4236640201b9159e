import type { TarEntry } from "../../../../src/archive/tar-entry.ts";
import { file, World } from "../runtime-harness.ts";

/** What a script printed and how it ended, with stdout's raw bytes for binary checks. */
export interface ScriptRun {
  readonly stdout: string;
  readonly stderr: string;
  readonly stdoutBytes: Uint8Array;
  readonly exitCode: number;
  readonly world: World;
}

/** Runs `sh -c script` as PID 1 in a busybox container with extra files (path → content). */
export async function runScript(
  script: string,
  files: Readonly<Record<string, string | Uint8Array>> = {},
): Promise<ScriptRun> {
  const layer: TarEntry[] = Object.entries(files).map(([path, content]) => file(path, content));
  const world = new World({ layers: layer.length === 0 ? [] : [layer] });
  const chunks: Uint8Array[] = [];
  const process = world.start(["/bin/sh", "-c", script], {
    onOutput: (stream, bytes) => {
      if (stream === "stdout") chunks.push(bytes);
      world.writes.push({ atUs: 0, stream, text: new TextDecoder().decode(bytes) });
    },
  });
  const status = await world.run(process);
  const stdoutBytes = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    stdoutBytes.set(chunk, offset);
    offset += chunk.length;
  }
  return {
    stdout: world.text("stdout"),
    stderr: world.text("stderr"),
    stdoutBytes,
    exitCode: status.exitCode,
    world,
  };
}

/** Bytes 0..255, for round trips of every byte value. */
export function allBytes(): Uint8Array {
  return Uint8Array.from({ length: 256 }, (_, i) => i);
}
