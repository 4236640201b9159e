import { pathToFileURL } from "node:url";
import { runInMemoryBuildDemo } from "../demo/in-memory-build.ts";

/**
 * The `drydock` command: `main(argv)` runs one command and returns its exit code, so tests can
 * call it without a process.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const [command = "demo"] = argv;
  if (command === "demo") {
    runInMemoryBuildDemo({ write: (text) => process.stdout.write(text) });
    return 0;
  }
  process.stderr.write(`drydock: '${command}' is not a drydock command.\n`);
  return 1;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
