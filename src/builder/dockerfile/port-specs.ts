import { DrydockError } from "../../errors/drydock-error.ts";

/** An EXPOSE word Docker refuses when the step runs; the message is Docker's. */
export class PortSpecError extends DrydockError {
  constructor(message: string, spec: string) {
    super("InvalidArgument", message, { data: { spec } });
    this.name = "PortSpecError";
  }
}

function parseUint16(text: string): number | undefined {
  if (!/^[0-9]+$/.test(text)) return undefined;
  const value = Number.parseInt(text, 10);
  return value <= 65535 ? value : undefined;
}

/** go-connections' `ParsePortRange`: `80` or `8000-8010`; undefined when invalid. */
function parsePortRange(text: string): [number, number] | undefined {
  if (text === "") return undefined;
  if (!text.includes("-")) {
    const port = parseUint16(text);
    return port === undefined ? undefined : [port, port];
  }
  const parts = text.split("-");
  const start = parseUint16(parts[0] ?? "");
  const end = parseUint16(parts[1] ?? "");
  if (start === undefined || end === undefined || end < start) return undefined;
  return [start, end];
}

function splitParts(raw: string): [string, string, string] {
  const parts = raw.split(":");
  const container = parts[parts.length - 1] ?? "";
  if (parts.length === 1) return ["", "", container];
  if (parts.length === 2) return ["", parts[0] ?? "", container];
  if (parts.length === 3) return [parts[0] ?? "", parts[1] ?? "", container];
  return [parts.slice(0, -2).join(":"), parts[parts.length - 2] ?? "", container];
}

function splitProtoPort(raw: string): [string, string] {
  const parts = raw.split("/");
  if (raw === "" || (parts[0] ?? "") === "") return ["", ""];
  if (parts.length === 1) return ["tcp", raw];
  if ((parts[1] ?? "") === "") return ["tcp", parts[0] ?? ""];
  return [parts[1] ?? "", parts[0] ?? ""];
}

function isIp(text: string): boolean {
  const v4 =
    /^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$/;
  if (v4.test(text)) return true;
  if (!text.includes(":") || !/^[0-9a-fA-F:.]+$/.test(text)) return false;
  try {
    new URL(`http://[${text}]/`);
    return true;
  } catch {
    return false;
  }
}

/** Ports of one spec (`80`, `53/udp`, `7000-7002/sctp`, `127.0.0.1:8080:80`). */
function portsOfSpec(raw: string): string[] {
  let [ip, hostPort, containerPort] = splitParts(raw);
  const [proto, port] = splitProtoPort(containerPort);
  containerPort = port;
  if (ip.startsWith("[") && ip.endsWith("]")) ip = ip.slice(1, -1);
  if (ip !== "" && !isIp(ip)) throw new PortSpecError(`Invalid ip address: ${ip}`, raw);
  if (containerPort === "") throw new PortSpecError(`No port specified: ${raw}<empty>`, raw);
  const range = parsePortRange(containerPort);
  if (range === undefined) throw new PortSpecError(`Invalid containerPort: ${containerPort}`, raw);
  if (hostPort !== "") {
    const hostRange = parsePortRange(hostPort);
    if (hostRange === undefined) throw new PortSpecError(`Invalid hostPort: ${hostPort}`, raw);
    if (range[1] - range[0] !== hostRange[1] - hostRange[0] && range[0] !== range[1]) {
      throw new PortSpecError(
        `Invalid ranges specified for container and host Ports: ${containerPort} and ${hostPort}`,
        raw,
      );
    }
  }
  const lower = proto.toLowerCase();
  if (!["tcp", "udp", "sctp"].includes(lower))
    throw new PortSpecError(`Invalid proto: ${proto}`, raw);
  const out: string[] = [];
  for (let p = range[0]; p <= range[1]; p++) out.push(`${p}/${lower}`);
  return out;
}

/**
 * The exposed ports of EXPOSE's (expanded) words as Docker 20.10 computes them (go-connections'
 * `ParsePortSpecs`): `80` is `80/tcp`, ranges are listed port by port, protocols lower-cased, a
 * host part is accepted and ignored. Sorted and without duplicates. Throws `PortSpecError`.
 */
export function exposedPorts(specs: readonly string[]): string[] {
  const ports = new Set<string>();
  for (const spec of specs) for (const port of portsOfSpec(spec)) ports.add(port);
  return [...ports].sort();
}
