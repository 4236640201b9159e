import type { HostConfig } from "../engine/api-types.ts";
import { DrydockError } from "../errors/drydock-error.ts";
import type { OverlayFs } from "../fs/overlay-fs.ts";
import type { ContainerConfig } from "../image/container-config.ts";
import { populateVolume } from "../runtime/volume-copy.ts";
import type { MountRecord } from "./container.ts";
import type { DaemonContext } from "./daemon-context.ts";
import { randomId } from "./daemon-rngs.ts";
import { volumeMountpoint } from "./volume-store.ts";

/** A mount as requested, before volumes exist. */
interface MountSpec {
  readonly type: "volume" | "bind";
  /** Volume name ("" for an anonymous volume) or host path. */
  readonly source: string;
  readonly destination: string;
  readonly mode: string;
  readonly readOnly: boolean;
  readonly noCopy: boolean;
  /** Taken from another container (`--volumes-from`): the same volume, mode "". */
  readonly inherited?: boolean;
}

/**
 * Works out a new container's mounts from `HostConfig.Binds` (`name:/path[:mode]`,
 * `/host:/path[:mode]`), `HostConfig.Mounts` and the image's and request's `Volumes` (anonymous
 * volumes for the paths nothing else covers), checking them all before anything is created.
 */
export function planMounts(
  config: ContainerConfig,
  hostConfig: HostConfig,
  inherited: readonly MountSpec[] = [],
): MountSpec[] {
  // dockerd's order: mounts from other containers first, then binds and `--mount`s, which
  // replace an inherited mount at the same place (but not each other), then image volumes.
  const specs: MountSpec[] = [...inherited];
  const add = (spec: MountSpec): void => {
    const index = specs.findIndex((other) => other.destination === spec.destination);
    if (index >= 0 && specs[index]!.inherited !== true) {
      throw new DrydockError("InvalidArgument", `Duplicate mount point: ${spec.destination}`, {
        data: { destination: spec.destination },
      });
    }
    if (index >= 0) specs.splice(index, 1);
    specs.push(spec);
  };
  for (const bind of hostConfig.Binds ?? []) add(parseBind(bind));
  for (const mount of hostConfig.Mounts ?? []) {
    if (mount.Type === "tmpfs") continue;
    add({
      type: mount.Type,
      source: mount.Source ?? "",
      destination: checkDestination(mount.Target, mount.Target),
      mode: "",
      readOnly: mount.ReadOnly ?? false,
      noCopy: false,
    });
  }
  for (const path of config.volumes ?? []) {
    const destination = cleanPath(path);
    if (specs.some((spec) => spec.destination === destination)) continue;
    specs.push({
      type: "volume",
      source: "",
      destination,
      mode: "",
      readOnly: false,
      noCopy: false,
    });
  }
  return specs.sort((a, b) =>
    a.destination < b.destination ? -1 : a.destination > b.destination ? 1 : 0,
  );
}

/**
 * `--volumes-from NAME[:MODE]`: every mount of each named container, the same volumes and bind
 * sources at the same places, read-only when MODE says `ro` or the original is (dockerd's
 * `ParseVolumesFrom`: ro/rw and z/Z only; `No such container: x` for an unknown one).
 */
export function volumesFromSpecs(
  ctx: DaemonContext,
  volumesFrom: readonly string[] | null | undefined,
): MountSpec[] {
  const specs: MountSpec[] = [];
  for (const entry of volumesFrom ?? []) {
    if (entry === "")
      throw new DrydockError(
        "InvalidArgument",
        "volumes-from specification cannot be an empty string",
        { data: {} },
      );
    const colon = entry.indexOf(":");
    const name = colon < 0 ? entry : entry.slice(0, colon);
    const mode = colon < 0 ? "rw" : entry.slice(colon + 1);
    if (!validVolumesFromMode(mode))
      throw new DrydockError("InvalidArgument", `invalid mode: ${mode}`, { data: { mode } });
    const source = ctx.containers.get(name);
    const readOnly = mode.split(",").includes("ro");
    for (const mount of source.mounts) {
      const spec: MountSpec = {
        type: mount.type,
        source: mount.type === "volume" ? mount.name! : mount.source,
        destination: mount.destination,
        mode: "",
        readOnly: readOnly || !mount.rw,
        noCopy: true,
        inherited: true,
      };
      const index = specs.findIndex((other) => other.destination === spec.destination);
      if (index >= 0) specs.splice(index, 1);
      specs.push(spec);
    }
  }
  return specs;
}

/** rw or ro, optionally with one SELinux label (z, Z); no propagation or copy modes. */
function validVolumesFromMode(mode: string): boolean {
  const parts = mode.split(",");
  const access = parts.filter((part) => part === "rw" || part === "ro").length;
  const label = parts.filter((part) => part === "z" || part === "Z").length;
  return access <= 1 && label <= 1 && access + label === parts.length && parts.length > 0;
}

/** Checks that the named volumes of a plan could be created (names, driver) before any is. */
export function validateMounts(ctx: DaemonContext, specs: readonly MountSpec[]): void {
  for (const spec of specs) {
    if (spec.type === "volume" && spec.source !== "" && !ctx.volumes.has(spec.source))
      ctx.volumes.validate(spec.source, "local");
    if (spec.type === "bind" && !spec.source.startsWith("/")) {
      throw new DrydockError(
        "InvalidArgument",
        `invalid mount config for type "bind": invalid mount path: '${spec.source}' mount path must be absolute`,
        {
          data: { source: spec.source },
        },
      );
    }
  }
}

/**
 * Creates what the plan needs (volumes, bind sources on the host), fills empty new volumes from
 * the image's content at their mount point, and records the container as a user of its volumes.
 */
export function createMounts(
  ctx: DaemonContext,
  options: { containerId: string; specs: readonly MountSpec[]; rootfs: OverlayFs },
): MountRecord[] {
  const nowUs = ctx.clock.nowUs();
  return options.specs.map((spec): MountRecord => {
    if (spec.type === "bind") {
      if (!ctx.hostFs.exists(spec.source)) ctx.hostFs.mkdirp(spec.source, { nowUs });
      return {
        type: "bind",
        source: spec.source,
        destination: spec.destination,
        mode: spec.mode,
        rw: !spec.readOnly,
        propagation: "rprivate",
        named: true,
      };
    }
    const anonymous = spec.source === "";
    const name = anonymous
      ? randomId(ctx.rngs.get("volume-names"), (id) => ctx.volumes.has(id))
      : spec.source;
    const { volume, created } = ctx.volumes.create({ name, nowUs, anonymous });
    if (created)
      ctx.events.log({
        type: "volume",
        action: "create",
        actorId: name,
        attributes: { driver: "local" },
      });
    // dockerd copies the image's content into any empty volume at create, not only a new one
    // (`docker volume create` then `run -v`), unless `nocopy`.
    if (!spec.noCopy)
      populateVolume({ from: options.rootfs, path: spec.destination, to: volume.content, nowUs });
    ctx.volumes.acquire(name, options.containerId);
    return {
      type: "volume",
      name,
      source: volumeMountpoint(name),
      destination: spec.destination,
      driver: "local",
      mode: anonymous || spec.inherited === true ? spec.mode : spec.mode === "" ? "z" : spec.mode,
      rw: !spec.readOnly,
      propagation: "",
      // An inherited volume stays its first owner's: `rm -v` of this container keeps it.
      named: !anonymous || spec.inherited === true,
    };
  });
}

function parseBind(text: string): MountSpec {
  const parts = text.split(":");
  const invalid = (): DrydockError =>
    new DrydockError("InvalidArgument", `invalid volume specification: '${text}'`, {
      data: { bind: text },
    });
  if (parts.length < 2 || parts.length > 3 || parts[0] === "" || parts[1] === "") throw invalid();
  const [source = "", target = "", mode = ""] = parts;
  const flags = mode === "" ? [] : mode.split(",");
  if (
    !flags.every((flag) =>
      /^(ro|rw|z|Z|nocopy|r?shared|r?slave|r?private|consistent|cached|delegated)$/.test(flag),
    )
  )
    throw invalid();
  return {
    type: source.startsWith("/") ? "bind" : "volume",
    source: source.startsWith("/") ? cleanPath(source) : source,
    destination: checkDestination(target, text),
    mode,
    readOnly: flags.includes("ro"),
    noCopy: flags.includes("nocopy"),
  };
}

function checkDestination(path: string, spec: string): string {
  if (!path.startsWith("/")) {
    throw new DrydockError(
      "InvalidArgument",
      `invalid volume specification: '${spec}': invalid mount config for type "volume": invalid mount path: '${path}' mount path must be absolute`,
      {
        data: { destination: path },
      },
    );
  }
  return cleanPath(path);
}

function cleanPath(path: string): string {
  const parts: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return `/${parts.join("/")}`;
}
