/** A published or exposed port of `GET /containers/json`. */
export interface PortEntry {
  readonly IP?: string;
  readonly PrivatePort: number;
  readonly PublicPort?: number;
  readonly Type: string;
}

/** Go's `net.JoinHostPort`: IPv6 addresses in brackets. */
function joinHostPort(host: string, port: number | string): string {
  return host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
}

function comparePorts(left: PortEntry, right: PortEntry): number {
  if (left.PrivatePort !== right.PrivatePort) return left.PrivatePort - right.PrivatePort;
  const leftIp = left.IP ?? "";
  const rightIp = right.IP ?? "";
  if (leftIp !== rightIp) return leftIp < rightIp ? -1 : 1;
  const leftPublic = left.PublicPort ?? 0;
  const rightPublic = right.PublicPort ?? 0;
  if (leftPublic !== rightPublic) return leftPublic - rightPublic;
  return left.Type < right.Type ? -1 : left.Type > right.Type ? 1 : 0;
}

function formGroup(key: string, first: number, last: number): string {
  const parts = key.split("/");
  const ip = parts.length > 1 ? parts[0]! : "";
  const type = parts.length > 1 ? parts[1]! : parts[0]!;
  let group = first === last ? `${first}` : `${first}-${last}`;
  // The CLI 28.2 joins the address as Go's `net.JoinHostPort` does: `[::]:7000-7001->7000-7001/tcp`.
  if (ip !== "") group = `${joinHostPort(ip, group)}->${group}`;
  return `${group}/${type}`;
}

/**
 * The `PORTS` column of `docker ps` (the CLI's `DisplayablePorts`): consecutive exposed ports
 * are grouped (`80-81/tcp`), published ones read `0.0.0.0:8080->80/tcp, [::]:8080->80/tcp`.
 */
export function displayablePorts(ports: readonly PortEntry[]): string {
  const groups = new Map<string, { first: number; last: number }>();
  const order: string[] = [];
  const result: string[] = [];
  const mappings: string[] = [];
  for (const port of [...ports].sort(comparePorts)) {
    const current = port.PrivatePort;
    let key = port.Type;
    if (port.IP !== undefined && port.IP !== "") {
      if ((port.PublicPort ?? 0) !== current) {
        mappings.push(`${joinHostPort(port.IP, port.PublicPort ?? 0)}->${current}/${port.Type}`);
        continue;
      }
      key = `${port.IP}/${port.Type}`;
    }
    const group = groups.get(key);
    if (group === undefined) {
      groups.set(key, { first: current, last: current });
      order.push(key);
      continue;
    }
    if (current === group.last + 1) {
      group.last = current;
      continue;
    }
    result.push(formGroup(key, group.first, group.last));
    groups.set(key, { first: current, last: current });
  }
  for (const key of order) {
    const group = groups.get(key)!;
    result.push(formGroup(key, group.first, group.last));
  }
  return [...result, ...mappings].join(", ");
}
