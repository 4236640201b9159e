import type { Filters, PruneReport, Volume, VolumeCreateRequest } from "../engine/api-types.ts";
import { isNotFound } from "../errors/drydock-error.ts";
import type { DaemonContext } from "./daemon-context.ts";
import { randomId } from "./daemon-rngs.ts";
import { allLabelsMatch, checkFilterKeys } from "./filters.ts";
import { volumeJson, volumeSizeBytes } from "./volume-store.ts";

/** `docker volume create`: a random 64-hex name when none is given; an existing name is returned as is. */
export function createVolume(ctx: DaemonContext, request: VolumeCreateRequest): Volume {
  const driver = request.Driver === undefined || request.Driver === "" ? "local" : request.Driver;
  const name =
    request.Name === undefined || request.Name === ""
      ? randomId(ctx.rngs.get("volume-names"), (id) => ctx.volumes.has(id))
      : request.Name;
  ctx.volumes.validate(name, driver);
  const { volume, created } = ctx.volumes.create({
    name,
    nowUs: ctx.clock.nowUs(),
    anonymous: false,
    labels: request.Labels ?? null,
    options: request.DriverOpts ?? null,
  });
  if (created)
    ctx.events.log({
      type: "volume",
      action: "create",
      actorId: name,
      attributes: { driver: "local" },
    });
  return volumeJson(volume);
}

/** `docker volume rm`: in use is a conflict even with `force`, which only forgives a missing volume. */
export function removeVolume(
  ctx: DaemonContext,
  name: string,
  options: { force?: boolean } = {},
): void {
  try {
    ctx.volumes.remove(name);
  } catch (error) {
    if (options.force === true && isNotFound(error)) return;
    throw error;
  }
  ctx.events.log({
    type: "volume",
    action: "destroy",
    actorId: name,
    attributes: { driver: "local" },
  });
}

/** `docker volume prune` as API 1.41 does it: every volume no container uses, named or not. */
export function pruneVolumes(ctx: DaemonContext, options: { filters?: Filters } = {}): PruneReport {
  const filters = options.filters ?? {};
  checkFilterKeys(filters, ["label", "label!"]);
  const deleted: string[] = [];
  let reclaimed = 0;
  for (const volume of ctx.volumes.list()) {
    if (ctx.volumes.usersOf(volume.name).length > 0 || !allLabelsMatch(filters, volume.labels))
      continue;
    reclaimed += volumeSizeBytes(volume);
    removeVolume(ctx, volume.name);
    deleted.push(volume.name);
  }
  ctx.events.log({
    type: "volume",
    action: "prune",
    actorId: "",
    attributes: { reclaimed: String(reclaimed) },
  });
  return { deleted, SpaceReclaimed: reclaimed };
}
