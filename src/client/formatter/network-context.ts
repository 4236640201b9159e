import { parseRfc3339 } from "../../clock/time-format.ts";
import type { Network } from "../../engine/api-types.ts";
import { goTimeString, truncateId } from "../format/text.ts";
import type { GoStruct } from "../go-template/go-value.ts";
import { contextStruct, headerStruct, joinLabels } from "./context-struct.ts";

/** `docker network ls`'s default table. */
export const NETWORK_TABLE = "table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}";

/** Column headers of the network context. */
export const NETWORK_HEADER: GoStruct = headerStruct({
  ID: "NETWORK ID",
  Name: "NAME",
  Driver: "DRIVER",
  Scope: "SCOPE",
  IPv4: "IPV4",
  IPv6: "IPV6",
  Internal: "INTERNAL",
  Labels: "LABELS",
  CreatedAt: "CREATED AT",
});

/** Go's `time.Time.String()` of an RFC 3339 timestamp, keeping all nine fraction digits. */
function createdAt(created: string): string {
  const instant = parseRfc3339(created);
  if (instant === undefined) return created;
  const fraction = /\.(\d+)/.exec(created)?.[1]?.replace(/0+$/, "") ?? "";
  return goTimeString(instant - (instant % 1_000_000), fraction);
}

/** `docker network ls`'s `*network.networkContext` for one network. */
export function networkContext(network: Network, options: { trunc: boolean }): GoStruct {
  return contextStruct({
    typeName: "network.networkContext",
    getters: {
      CreatedAt: () => createdAt(network.Created),
      Driver: () => network.Driver,
      ID: () => (options.trunc ? truncateId(network.Id) : network.Id),
      IPv4: () => "false",
      IPv6: () => String(network.EnableIPv6),
      Internal: () => String(network.Internal),
      Labels: () => joinLabels(network.Labels),
      Name: () => network.Name,
      Scope: () => network.Scope,
    },
    methods: {
      Label: { arity: 1, call: ([name]) => network.Labels?.[String(name)] ?? "" },
    },
  });
}
