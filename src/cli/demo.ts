import type { CommandIo } from "../client/command-io.ts";
import { runInMemoryBuildDemo } from "../demo/in-memory-build.ts";

/** `drydock demo` (`npm start`): the lead's guided tour, written to the command's stdout. */
export async function runDemo(io: CommandIo): Promise<number> {
  runInMemoryBuildDemo({ write: (text) => io.stdout.write(text) });
  return 0;
}
