import type { ContainerSummary } from "../../engine/api-types.ts";
import { goQuote } from "../../go/quote.ts";
import {
  familiarString,
  parseNormalizedNamed,
  trimToName,
  withTag,
} from "../../image/reference.ts";
import { ellipsis, goTimeString, truncateId } from "../format/text.ts";
import { humanDuration, humanSize, humanSizeWithPrecision } from "../format/units.ts";
import type { GoStruct } from "../go-template/go-value.ts";
import { contextStruct, headerStruct, joinLabels } from "./context-struct.ts";
import { displayablePorts } from "./ports.ts";

/** `docker ps`'s default table, and with `-s`. */
export const PS_TABLE =
  "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}";
export const PS_TABLE_SIZE = `${PS_TABLE}\t{{.Size}}`;

/** Column headers of the container context. */
export const CONTAINER_HEADER: GoStruct = headerStruct({
  ID: "CONTAINER ID",
  Image: "IMAGE",
  Command: "COMMAND",
  CreatedAt: "CREATED AT",
  RunningFor: "CREATED",
  Ports: "PORTS",
  State: "STATE",
  Status: "STATUS",
  Size: "SIZE",
  Names: "NAMES",
  Labels: "LABELS",
  Mounts: "MOUNTS",
  LocalVolumes: "LOCAL VOLUMES",
  Networks: "NETWORKS",
  Platform: "PLATFORM",
});

/** Options of `containerContext`. */
export interface ContainerContextOptions {
  readonly trunc: boolean;
  /** The client's current instant, for `RunningFor`. */
  readonly nowUs: number;
  /** Called with the name of every field a template reads (the CLI asks for sizes if `Size` is). */
  readonly onField?: (name: string) => void;
  /** `system df -v` shows only the writable layer's size, in four-digit form. */
  readonly diskUsage?: boolean;
}

const US_PER_SECOND = 1_000_000;

/** `docker ps`'s `*formatter.ContainerContext` for one container. */
export function containerContext(
  container: ContainerSummary,
  options: ContainerContextOptions,
): GoStruct {
  const seen = (name: string, value: () => string | null) => () => {
    options.onField?.(name);
    return value();
  };
  const trunc = options.trunc;
  return contextStruct({
    typeName: "formatter.ContainerContext",
    getters: {
      Command: seen("Command", () =>
        goQuote(trunc ? ellipsis(container.Command, 20) : container.Command),
      ),
      CreatedAt: seen("CreatedAt", () => goTimeString(container.Created * US_PER_SECOND)),
      ID: seen("ID", () => (trunc ? truncateId(container.Id) : container.Id)),
      Image: seen("Image", () => imageColumn(container, trunc)),
      Labels: seen("Labels", () => joinLabels(container.Labels)),
      LocalVolumes: seen("LocalVolumes", () =>
        String((container.Mounts ?? []).filter((mount) => mount.Driver === "local").length),
      ),
      Mounts: seen("Mounts", () => mountsColumn(container, trunc)),
      Names: seen("Names", () => namesColumn(container.Names ?? [], trunc)),
      Networks: seen("Networks", () =>
        Object.keys(container.NetworkSettings?.Networks ?? {})
          .sort()
          .join(","),
      ),
      Platform: seen("Platform", () => null),
      Ports: seen("Ports", () => displayablePorts(container.Ports ?? [])),
      RunningFor: seen(
        "RunningFor",
        () => `${humanDuration(options.nowUs - container.Created * US_PER_SECOND)} ago`,
      ),
      Size: seen("Size", () =>
        options.diskUsage === true ? humanSize(container.SizeRw ?? 0) : sizeColumn(container),
      ),
      State: seen("State", () => container.State),
      Status: seen("Status", () => container.Status),
    },
    methods: {
      Label: {
        arity: 1,
        call: ([name]) => {
          options.onField?.("Label");
          return container.Labels?.[String(name)] ?? "";
        },
      },
    },
  });
}

function imageColumn(container: ContainerSummary, trunc: boolean): string {
  const image = container.Image;
  if (image === "") return "<no image>";
  if (!trunc) return image;
  if (truncateId(container.ImageID) === truncateId(image)) return truncateId(image);
  try {
    const named = parseNormalizedNamed(image, { dialect: "cli" });
    if (named.tag !== undefined) return familiarString(withTag(trimToName(named), named.tag));
    return familiarString(trimToName(named));
  } catch {
    return image;
  }
}

function namesColumn(names: readonly string[], trunc: boolean): string {
  const stripped = names.map((name) => (name.startsWith("/") ? name.slice(1) : name));
  if (trunc) {
    const plain = stripped.find((name) => !name.includes("/"));
    if (plain !== undefined) return plain;
  }
  return stripped.join(",");
}

function mountsColumn(container: ContainerSummary, trunc: boolean): string {
  return (container.Mounts ?? [])
    .map((mount) => {
      const name = mount.Name === undefined || mount.Name === "" ? mount.Source : mount.Name;
      return trunc ? ellipsis(name, 15) : name;
    })
    .join(",");
}

function sizeColumn(container: ContainerSummary): string {
  const sizeRw = humanSizeWithPrecision(container.SizeRw ?? 0, 3);
  const rootFs = container.SizeRootFs ?? 0;
  return rootFs > 0 ? `${sizeRw} (virtual ${humanSizeWithPrecision(rootFs, 3)})` : sizeRw;
}
