import { parseGoIpv4 } from "../../net/go-ipv4.ts";

/**
 * `--add-host NAME:IP` (or `NAME=IP`, an IPv6 address optionally in brackets), checked and
 * normalised as the CLI 28's `ValidateExtraHost` does: the daemon receives `NAME:IP`;
 * `host-gateway` passes unchecked.
 */
export function parseAddHost(value: string): { entry: string } | { problem: string } {
  let separator = value.indexOf("=");
  if (separator < 0) separator = value.indexOf(":");
  const name = separator < 0 ? "" : value.slice(0, separator);
  if (separator < 0 || name === "") return { problem: `bad format for add-host: ${quote(value)}` };
  let ip = value.slice(separator + 1);
  if (ip !== "host-gateway") {
    if (ip.startsWith("[") && ip.endsWith("]")) ip = ip.slice(1, -1);
    if (!isIpAddress(ip)) return { problem: `invalid IP address in add-host: ${quote(ip)}` };
  }
  return { entry: `${name}:${ip}` };
}

/** The flag's validator: the reason a value is refused, if it is. */
export function addHostProblem(value: string): string | undefined {
  const parsed = parseAddHost(value);
  return "problem" in parsed ? parsed.problem : undefined;
}

function isIpAddress(text: string): boolean {
  if (parseGoIpv4(text) !== undefined) return true;
  // IPv6: hex groups and colons, at most one `::`, optionally ending in a dotted quad.
  if (!/^[0-9a-fA-F:.]+$/.test(text) || !text.includes(":")) return false;
  const doubles = text.split("::").length - 1;
  if (doubles > 1) return false;
  const groups = text.split(":").filter((group) => group !== "");
  const last = groups.at(-1) ?? "";
  const tail = last.includes(".") ? (parseGoIpv4(last) === undefined ? -1 : 2) : 0;
  if (tail < 0) return false;
  const hexGroups = tail === 2 ? groups.slice(0, -1) : groups;
  if (!hexGroups.every((group) => /^[0-9a-fA-F]{1,4}$/.test(group))) return false;
  const count = hexGroups.length + tail;
  return doubles === 1 ? count < 8 : count === 8;
}

/** Go's `%q` for the texts the CLI quotes (printable ASCII here). */
function quote(text: string): string {
  return JSON.stringify(text);
}
