import type { Filters, PruneReport } from "../engine/api-types.ts";
import { isDrydockError } from "../errors/drydock-error.ts";
import { containerSizes } from "./container-inspect.ts";
import { removeContainer } from "./container-remove.ts";
import type { DaemonContext } from "./daemon-context.ts";
import { allLabelsMatch, checkFilterKeys, filterValues } from "./filters.ts";
import { parseTimestamp } from "./timestamp.ts";

/** `docker container prune`: removes every stopped container (filters `until`, `label`). */
export async function pruneContainers(
  ctx: DaemonContext,
  options: { filters?: Filters } = {},
): Promise<PruneReport> {
  const filters = options.filters ?? {};
  checkFilterKeys(filters, ["label", "label!", "until"]);
  const until = filterValues(filters, "until")[0];
  const untilUs = until === undefined ? undefined : parseTimestamp(until, ctx.clock.nowUs());
  const deleted: string[] = [];
  let reclaimed = 0;
  for (const container of [...ctx.containers.list()].reverse()) {
    if (container.isRunning) continue;
    if (untilUs !== undefined && container.createdUs > untilUs) continue;
    if (!allLabelsMatch(filters, container.config.labels)) continue;
    const size = containerSizes(ctx, container).rw;
    try {
      await removeContainer(ctx, container, { force: false, volumes: false, name: container.id });
    } catch (error) {
      if (!isDrydockError(error)) throw error;
      continue;
    }
    reclaimed += size;
    deleted.push(container.id);
  }
  ctx.events.log({
    type: "container",
    action: "prune",
    actorId: "",
    attributes: { reclaimed: String(reclaimed) },
  });
  return { deleted, SpaceReclaimed: reclaimed };
}
