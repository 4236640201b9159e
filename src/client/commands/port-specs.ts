import type { PortBinding } from "../../engine/api-types.ts";
import { CliError } from "../cli-error.ts";

/** Ports a `-p`/`--expose` list produces: exposed ports and host bindings, keyed `80/tcp`. */
export interface PortSpecs {
  readonly exposed: Record<string, Record<string, never>>;
  readonly bindings: Record<string, PortBinding[]>;
}

function fail(message: string): never {
  throw new CliError({ status: message, exitCode: 125 });
}

function portRange(text: string, what: string): [number, number] {
  const match = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (match === null) fail(`invalid ${what}: ${text}`);
  const first = Number(match[1]);
  const last = match[2] === undefined ? first : Number(match[2]);
  if (first > 65535 || last > 65535 || last < first) fail(`invalid ${what}: ${text}`);
  return [first, last];
}

/** Splits `ip:host:container`, `[v6]:host:container`, `host:container` or `container`. */
function splitSpec(spec: string): { ip: string; host: string; container: string } {
  let rest = spec;
  let ip = "";
  if (rest.startsWith("[")) {
    const close = rest.indexOf("]");
    ip = rest.slice(1, close);
    rest = rest.slice(close + 2);
    const [host = "", container = ""] = rest.split(":");
    return { ip, host, container };
  }
  const parts = rest.split(":");
  if (parts.length === 1) return { ip, host: "", container: parts[0]! };
  if (parts.length === 2) return { ip, host: parts[0]!, container: parts[1]! };
  return { ip: parts.slice(0, -2).join(":"), host: parts.at(-2)!, container: parts.at(-1)! };
}

/** Parses `-p` values as `nat.ParsePortSpecs` does (ranges included) and `--expose` values. */
export function parsePortSpecs(publish: readonly string[], expose: readonly string[]): PortSpecs {
  const exposed: Record<string, Record<string, never>> = {};
  const bindings: Record<string, PortBinding[]> = {};
  for (const value of expose) {
    const [ports = "", proto = "tcp"] = value.split("/");
    const [first, last] = portRange(ports, "range format for --expose");
    for (let port = first; port <= last; port++) exposed[`${port}/${proto}`] = {};
  }
  for (const value of publish) {
    const slash = value.lastIndexOf("/");
    const proto = slash >= 0 ? value.slice(slash + 1) : "tcp";
    const spec = slash >= 0 ? value.slice(0, slash) : value;
    const { ip, host, container } = splitSpec(spec);
    if (container === "") fail(`no port specified: ${value}<empty>`);
    const [first, last] = portRange(container, "containerPort");
    const hostRange = host === "" ? undefined : portRange(host, "hostPort");
    // nat.ParsePortSpec: ranges of different lengths only for one container port, which then
    // gets the whole host range to allocate from (`9000-9010:90`).
    if (hostRange !== undefined && hostRange[1] - hostRange[0] !== last - first && last !== first) {
      fail(`invalid ranges specified for container and host Ports: ${container} and ${host}`);
    }
    for (let port = first; port <= last; port++) {
      const key = `${port}/${proto}`;
      exposed[key] = {};
      const hostPort =
        hostRange === undefined
          ? ""
          : first === last && hostRange[0] !== hostRange[1]
            ? `${hostRange[0]}-${hostRange[1]}`
            : String(hostRange[0] + port - first);
      (bindings[key] ??= []).push({ HostIp: ip, HostPort: hostPort });
    }
  }
  return { exposed, bindings };
}
