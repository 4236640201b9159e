/** Ends every daemon and registry of a set, then removes the directory that held their state. */
import { rmSync } from "node:fs";
import type { DockerdProcess } from "./dockerd-process.ts";
import type { RegistryProcess } from "./registry-process.ts";
import { unmountUnder } from "./unmount-under.ts";

/** Stops all members in parallel (failures ignored), detaches leftover mounts, removes `dir`. */
export async function stopAndRemove(options: {
  daemons: readonly DockerdProcess[];
  registries: readonly RegistryProcess[];
  dir: string;
}): Promise<void> {
  await Promise.all([
    ...options.daemons.map((daemon) => daemon.stop().catch(() => undefined)),
    ...options.registries.map((registry) => registry.stop().catch(() => undefined)),
  ]);
  await unmountUnder(options.dir);
  // A just-stopped dockerd may still release files for a moment; retry the removal briefly.
  rmSync(options.dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
}
