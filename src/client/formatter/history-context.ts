import type { HistoryItem } from "../../engine/api-types.ts";
import { ellipsis, rfc3339Seconds, truncateId } from "../format/text.ts";
import { humanDuration, humanSizeWithPrecision } from "../format/units.ts";
import type { GoStruct } from "../go-template/go-value.ts";
import { contextStruct, headerStruct } from "./context-struct.ts";

/** `docker history`'s default tables (`-H=false` shows absolute times). */
export const HISTORY_TABLE =
  "table {{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}";
export const HISTORY_TABLE_NOT_HUMAN =
  "table {{.ID}}\t{{.CreatedAt}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}";

/** Column headers of the history context. */
export const HISTORY_HEADER: GoStruct = headerStruct({
  ID: "IMAGE",
  CreatedSince: "CREATED",
  CreatedAt: "CREATED AT",
  CreatedBy: "CREATED BY",
  Size: "SIZE",
  Comment: "COMMENT",
});

const US_PER_SECOND = 1_000_000;

/** `docker history`'s `*image.historyContext` for one layer. */
export function historyContext(
  item: HistoryItem,
  options: { trunc: boolean; human: boolean; nowUs: number },
): GoStruct {
  return contextStruct({
    typeName: "image.historyContext",
    getters: {
      Comment: () => item.Comment,
      CreatedAt: () => rfc3339Seconds(item.Created),
      CreatedBy: () => {
        const createdBy = item.CreatedBy.replaceAll("\t", " ");
        return options.trunc ? ellipsis(createdBy, 45) : createdBy;
      },
      CreatedSince: () =>
        options.human
          ? `${humanDuration(options.nowUs - item.Created * US_PER_SECOND)} ago`
          : rfc3339Seconds(item.Created),
      ID: () => (options.trunc ? truncateId(item.Id) : item.Id),
      Size: () => (options.human ? humanSizeWithPrecision(item.Size, 3) : String(item.Size)),
    },
  });
}
