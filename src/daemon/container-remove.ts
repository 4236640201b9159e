import type { Container } from "./container.ts";
import { deleteHostsLines } from "./container-hosts.ts";
import { killContainer } from "./container-kill.ts";
import { linkHostsEntries, removeLink } from "./container-links.ts";
import { ContainerStateError } from "./container-state-error.ts";
import type { DaemonContext } from "./daemon-context.ts";
import { logContainerEvent } from "./daemon-events.ts";
import { releaseLayers } from "./layer-release.ts";
import { SIGKILL } from "./signals.ts";

/**
 * `docker rm`: refused for a running (or paused, or restarting) container unless `force`, which
 * kills it first. Then the container's execs, volume references (and with `volumes`, its
 * anonymous volumes), layer references, name and record go, and `destroy` is logged; waiters
 * for `removed` settle with the last exit status.
 */
export async function removeContainer(
  ctx: DaemonContext,
  container: Container,
  options: { force: boolean; volumes: boolean; name: string },
): Promise<void> {
  const state = container.state;
  if (state.removalInProgress)
    throw ContainerStateError.removalInProgress(options.name, container.id);
  if (state.running) {
    if (!options.force) throw ContainerStateError.removeActive(container.id, container.status);
    state.removalInProgress = true;
    try {
      await killContainer(ctx, container, SIGKILL);
    } finally {
      state.removalInProgress = false;
    }
  }
  if (!ctx.containers.has(container.id)) return;
  state.dead = true;
  ctx.execs.deleteContainer(container.id);
  releaseLayers(ctx, container.layerDiffIds);
  ctx.containers.delete(container);
  for (const mount of container.mounts) {
    if (mount.type !== "volume") continue;
    ctx.volumes.release(mount.name!, container.id);
    if (!options.volumes || mount.named || ctx.volumes.usersOf(mount.name!).length > 0) continue;
    if (!ctx.volumes.has(mount.name!)) continue;
    ctx.volumes.remove(mount.name!);
    ctx.events.log({
      type: "volume",
      action: "destroy",
      actorId: mount.name!,
      attributes: { driver: "local" },
    });
  }
  logContainerEvent(ctx, container, "destroy");
  container.notifyRemoved();
}

/**
 * `docker rm -l PARENT/ALIAS`: the link goes (container-links.ts); a running parent's
 * `/etc/hosts` loses the link's line at once, as on dockerd 20.10 (its sandbox is updated).
 */
export function removeContainerLink(ctx: DaemonContext, name: string): void {
  const linkLines = (parent: Container) =>
    linkHostsEntries(ctx, parent).map((entry) => `${entry.ip}\t${entry.name}`);
  const parent = ctx.containers.find(parentNameOf(name));
  const before = parent === undefined ? [] : linkLines(parent);
  const { parent: changed } = removeLink(ctx, name);
  const kept = new Set(linkLines(changed));
  deleteHostsLines(
    ctx,
    changed,
    before.filter((line) => !kept.has(line)),
  );
}

function parentNameOf(name: string): string {
  const trimmed = name.replace(/^\/+/, "");
  const slash = trimmed.lastIndexOf("/");
  return slash < 0 ? trimmed : trimmed.slice(0, slash);
}
