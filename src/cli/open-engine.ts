import { homedir } from "node:os";
import { join } from "node:path";
import type { EngineAccess } from "../client/docker-cli.ts";
import { drivenEngine } from "../client/driven-engine.ts";

/** Where the embedded engine keeps its state: `--data-root`, `$DRYDOCK_DATA_ROOT`, `~/.drydock`. */
export function dataRootOf(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): string {
  return flag ?? env.DRYDOCK_DATA_ROOT ?? join(homedir(), ".drydock");
}

/**
 * Opens the embedded engine on a data root for one command and closes (saves) it after. The
 * command sees a driven engine: the simulated world runs while the command awaits the engine.
 * The daemon is loaded lazily, so help and usage errors start fast, and its container runtime
 * only for commands that start a process.
 */
export function embeddedEngineAccess(
  dataRoot: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): EngineAccess {
  return async (work) => {
    const { openEmbeddedEngine } = await import("../node/open-embedded-engine.ts");
    // `DRYDOCK_REGISTRIES`: registries reached over real HTTP (see `parseHttpRegistries`).
    const spec = env.DRYDOCK_REGISTRIES ?? "";
    const remote =
      spec === ""
        ? undefined
        : (await import("../node/http-registries.ts")).parseHttpRegistries(spec);
    // The driven engine makes each engine call a run of its own, as on-demand loading needs.
    const host = await openEmbeddedEngine({
      dataRoot,
      runtimeLoading: "on-demand",
      ...(remote === undefined ? {} : { remoteRegistries: remote.resolver }),
    });
    try {
      return await work(drivenEngine(host));
    } finally {
      await host.close();
      remote?.close();
      for (const notice of host.notices) process.stderr.write(`${notice}\n`);
    }
  };
}
