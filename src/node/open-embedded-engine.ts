import { homedir } from "node:os";
import { join } from "node:path";
import { type EngineHost, type EngineHostOptions, openEngineHost } from "../daemon/engine-host.ts";
import { DirStateStore } from "./dir-state-store.ts";

/**
 * The embedded engine of the `drydock` command: a simulated daemon whose state lives under
 * `dataRoot` (default `~/.drydock`), loaded when a command starts and saved when it closes, so
 * consecutive commands see one daemon, as consecutive `docker` commands see one dockerd.
 */
export function openEmbeddedEngine(
  options: { dataRoot?: string; seed?: number } & Omit<EngineHostOptions, "store" | "seed"> = {},
): Promise<EngineHost> {
  const { dataRoot, ...rest } = options;
  const dir = join(dataRoot ?? join(homedir(), ".drydock"), "daemon");
  return openEngineHost({ ...rest, store: new DirStateStore({ dir }) });
}
