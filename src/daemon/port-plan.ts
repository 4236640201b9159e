import type { HostConfig } from "../engine/api-types.ts";
import { DrydockError } from "../errors/drydock-error.ts";
import { type HostIp, parseHostIp } from "./host-ip.ts";

/** A container port (`80/tcp`). */
export interface TransportPort {
  readonly port: number;
  readonly proto: string;
}

/** One binding to program: the container port, the host address if one was given, the host ports. */
export interface PlannedBinding extends TransportPort {
  readonly hostIp: HostIp | undefined;
  /** 0 and 0: any ephemeral port; equal: that port; else the first free one of the range. */
  readonly hostPortStart: number;
  readonly hostPortEnd: number;
}

/** What dockerd hands the network driver for a container's external connectivity. */
export interface PortPlan {
  readonly exposed: readonly TransportPort[];
  readonly bindings: readonly PlannedBinding[];
}

interface Entry {
  readonly key: string;
  readonly port: number;
  readonly proto: string;
  readonly binding?: { readonly HostIp: string; readonly HostPort: string };
}

/**
 * dockerd 20.10's `buildCreateEndpointOptions` for ports: only exposed ports count (the CLI adds
 * every `-p` port to `ExposedPorts`; `PortBindings` of other ports are ignored, as recorded),
 * ordered by `nat.SortPortMap`; `-P` binds each exposed port that has no binding to an
 * ephemeral port. Go walks `ExposedPorts` in map order; drydock starts from the keys sorted.
 */
export function planPorts(
  exposedPorts: readonly string[] | undefined,
  hostConfig: HostConfig,
): PortPlan {
  const bindings = hostConfig.PortBindings ?? {};
  const entries: Entry[] = [];
  for (const key of exposedPorts ?? []) {
    const { port, proto } = splitPortKey(key);
    if (port === undefined) continue;
    const given = bindings[key] ?? [];
    if (given.length === 0) entries.push({ key, port, proto });
    for (const binding of given) entries.push({ key, port, proto, binding });
  }
  const sorted = goSort(entries, sortPortMapLess);
  const exposed: TransportPort[] = [];
  const planned: PlannedBinding[] = [];
  const seen = new Set<string>();
  for (const entry of sorted) {
    if (!seen.has(entry.key)) {
      seen.add(entry.key);
      exposed.push({ port: entry.port, proto: entry.proto });
      if (hostConfig.PublishAllPorts === true && (bindings[entry.key] ?? []).length === 0)
        planned.push({ ...portOf(entry), hostIp: undefined, hostPortStart: 0, hostPortEnd: 0 });
    }
    if (entry.binding === undefined) continue;
    const [start, end] = hostPortRange(entry.binding.HostPort);
    planned.push({
      ...portOf(entry),
      hostIp: parseHostIp(entry.binding.HostIp ?? ""),
      hostPortStart: start,
      hostPortEnd: end,
    });
  }
  return { exposed, bindings: planned };
}

function portOf(entry: Entry): TransportPort {
  return { port: entry.port, proto: entry.proto };
}

/** `nat.Port`: `80/tcp`, `80` (tcp); a range or a bad number is no single port. */
function splitPortKey(key: string): { port: number | undefined; proto: string } {
  const slash = key.indexOf("/");
  const text = slash < 0 ? key : key.slice(0, slash);
  const proto = slash < 0 ? "tcp" : key.slice(slash + 1).toLowerCase();
  return { port: parseUint16(text), proto };
}

/**
 * `nat.ParsePortRangeToInt` of a binding's `HostPort`: "" is 0–0 (any port), `a-b` a range
 * (dockerd reads only the first two parts). Create refused anything else (`checkPortBindings`).
 */
function hostPortRange(text: string | undefined): [number, number] {
  const port = splitProtoPort(text ?? "");
  if (port === "") return [0, 0];
  const [start = "0", end = start] = port.split("-");
  return [Number(start), Number(end)];
}

/**
 * dockerd's `verifyContainerSettings` at create: every container port and host port of
 * `PortBindings` must parse (`invalid port specification: "8x"`, a 400).
 */
export function checkPortBindings(hostConfig: HostConfig): void {
  const bindings = hostConfig.PortBindings ?? {};
  for (const key of Object.keys(bindings).sort()) {
    const port = splitProtoPort(key);
    if (port !== "" && parseUint16(port) === undefined) throw invalidSpec(port);
    for (const binding of bindings[key] ?? []) {
      const hostPort = splitProtoPort(binding.HostPort ?? "");
      if (hostPort !== "" && !isPortRange(hostPort)) throw invalidSpec(binding.HostPort);
    }
  }
}

function invalidSpec(text: string): DrydockError {
  return new DrydockError(
    "InvalidArgument",
    `invalid port specification: ${JSON.stringify(text)}`,
    {
      data: { port: text },
    },
  );
}

/** `nat.SplitProtoPort`'s port part. */
function splitProtoPort(text: string): string {
  const parts = text.split("/");
  return text === "" || parts[0] === "" ? "" : parts[0]!;
}

/** `strconv.ParseUint(text, 10, 16)`. */
function parseUint16(text: string): number | undefined {
  return /^[0-9]+$/.test(text) && Number(text) <= 65535 ? Number(text) : undefined;
}

/** `nat.ParsePortRange`: a port, or `start-end` (later parts ignored) with start ≤ end. */
function isPortRange(text: string): boolean {
  const parts = text.split("-");
  if (parts.length === 1) return parseUint16(text) !== undefined;
  const start = parseUint16(parts[0]!);
  const end = parseUint16(parts[1]!);
  return start !== undefined && end !== undefined && start <= end;
}

/** `nat.SortPortMap`'s `Less`: higher host port, or higher container port, or tcp. Not a strict order. */
function sortPortMapLess(left: Entry, right: Entry): boolean {
  const leftHost = hostPortStart(left);
  const rightHost = hostPortStart(right);
  return (
    leftHost > rightHost ||
    left.port > right.port ||
    (left.port === right.port && left.proto === "tcp")
  );
}

/** `toInt`: `nat.ParsePortRange`'s start, 0 when it does not parse (`8080/udp` included). */
function hostPortStart(entry: Entry): number {
  const text = entry.binding?.HostPort ?? "";
  return isPortRange(text) ? Number(text.split("-")[0]) : 0;
}

/**
 * Go's `sort.Sort`: insertion sort up to 12 elements (pdqsort's small case), which decides the
 * order `SortPortMap`'s inconsistent `Less` gives. Longer lists (a `-p` range of 13 ports or
 * more) take a stable merge sort: the same order wherever `Less` is consistent.
 */
function goSort<T>(items: readonly T[], less: (left: T, right: T) => boolean): T[] {
  const out = [...items];
  if (out.length > 12) {
    return out
      .map((item, index) => ({ item, index }))
      .sort((a, b) => (less(a.item, b.item) ? -1 : less(b.item, a.item) ? 1 : a.index - b.index))
      .map((entry) => entry.item);
  }
  for (let i = 1; i < out.length; i++) {
    for (let j = i; j > 0 && less(out[j]!, out[j - 1]!); j--) {
      [out[j], out[j - 1]] = [out[j - 1]!, out[j]!];
    }
  }
  return out;
}
