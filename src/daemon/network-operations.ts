import type { Filters, NetworkCreateRequest, PruneReport } from "../engine/api-types.ts";
import type { DaemonContext } from "./daemon-context.ts";
import { randomId } from "./daemon-rngs.ts";
import { allLabelsMatch, checkFilterKeys, filterValues } from "./filters.ts";
import { parseTimestamp } from "./timestamp.ts";

/** `docker network create`: a user-defined bridge with the next free subnet; logs `create`. */
export function createNetwork(
  ctx: DaemonContext,
  request: NetworkCreateRequest,
): { Id: string; Warning: string } {
  const id = randomId(
    ctx.rngs.get("network-ids"),
    (candidate) => ctx.networks.find(candidate)?.id === candidate,
  );
  const network = ctx.networks.create(request, { id, nowUs: ctx.clock.nowUs() });
  ctx.events.log({
    type: "network",
    action: "create",
    actorId: id,
    attributes: { name: network.name, type: network.driver },
  });
  return { Id: id, Warning: "" };
}

/** `docker network rm`: predefined networks and networks with running containers stay. */
export function removeNetwork(ctx: DaemonContext, name: string): void {
  const network = ctx.networks.get(name);
  ctx.networks.remove(network);
  ctx.events.log({
    type: "network",
    action: "destroy",
    actorId: network.id,
    attributes: { name: network.name, type: network.driver },
  });
}

/**
 * `docker network prune`: removes every user-defined network without an active endpoint (a
 * stopped container's endpoint does not count, as in dockerd), filtered by `until` and labels;
 * a `destroy` event each, then `network prune` (reclaimed=0). Names sorted (dockerd's order is
 * its map's).
 */
export function pruneNetworks(
  ctx: DaemonContext,
  options: { filters?: Filters } = {},
): PruneReport {
  const filters = options.filters ?? {};
  checkFilterKeys(filters, ["label", "label!", "until"]);
  const until = filterValues(filters, "until")[0];
  const untilUs = until === undefined ? undefined : parseTimestamp(until, ctx.clock.nowUs());
  const deleted: string[] = [];
  for (const network of ctx.networks.list()) {
    if (network.predefined || network.allocated.size > 0) continue;
    if (untilUs !== undefined && network.createdUs > untilUs) continue;
    if (!allLabelsMatch(filters, network.labels)) continue;
    removeNetwork(ctx, network.id);
    deleted.push(network.name);
  }
  ctx.events.log({
    type: "network",
    action: "prune",
    actorId: "",
    attributes: { reclaimed: "0" },
  });
  return { deleted, SpaceReclaimed: 0 };
}
