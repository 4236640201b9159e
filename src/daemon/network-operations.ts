import type { NetworkCreateRequest } from "../engine/api-types.ts";
import type { DaemonContext } from "./daemon-context.ts";
import { randomId } from "./daemon-rngs.ts";

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
