import type { Volume } from "../../engine/api-types.ts";
import { humanSize } from "../format/units.ts";
import type { GoStruct } from "../go-template/go-value.ts";
import { contextStruct, headerStruct, joinLabels } from "./context-struct.ts";

/** `docker volume ls`'s default table. */
export const VOLUME_TABLE = "table {{.Driver}}\t{{.Name}}";

/** Column headers of the volume context. */
export const VOLUME_HEADER: GoStruct = headerStruct({
  Name: "VOLUME NAME",
  Driver: "DRIVER",
  Scope: "SCOPE",
  Mountpoint: "MOUNTPOINT",
  Labels: "LABELS",
  Links: "LINKS",
  Size: "SIZE",
  Group: "GROUP",
  Availability: "AVAILABILITY",
  Status: "STATUS",
});

/** `docker volume ls`'s `*formatter.volumeContext` for one volume. */
export function volumeContext(volume: Volume): GoStruct {
  const usage = volume.UsageData;
  return contextStruct({
    typeName: "formatter.volumeContext",
    getters: {
      Availability: () => "N/A",
      Driver: () => volume.Driver,
      Group: () => "N/A",
      Labels: () => joinLabels(volume.Labels),
      Links: () => (usage === undefined || usage.RefCount === -1 ? "N/A" : String(usage.RefCount)),
      Mountpoint: () => volume.Mountpoint,
      Name: () => volume.Name,
      Scope: () => volume.Scope,
      Size: () => (usage === undefined || usage.Size === -1 ? "N/A" : humanSize(usage.Size)),
      Status: () => "N/A",
    },
    methods: {
      Label: { arity: 1, call: ([name]) => volume.Labels?.[String(name)] ?? "" },
    },
  });
}
