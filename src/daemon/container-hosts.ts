import { utf8Bytes, utf8String } from "../archive/byte-strings.ts";
import { FsError } from "../errors/fs-error.ts";
import type { Container } from "./container.ts";
import type { DaemonContext } from "./daemon-context.ts";

/**
 * The names of the container's own `/etc/hosts` line, as libnetwork writes them: the hostname,
 * or `host.domain host` when the name has a domain part.
 */
export function hostsNames(container: Container): string {
  const { hostname, domainname } = container.config;
  const fqdn =
    domainname === undefined || domainname === "" ? hostname : `${hostname}.${domainname}`;
  const dot = fqdn.indexOf(".");
  return dot < 0 ? fqdn : `${fqdn} ${fqdn.slice(0, dot)}`;
}

/** Appends `ip\tnames` to a running container's `/etc/hosts` (libnetwork's `addHostsEntries`). */
export function addHostsEntry(ctx: DaemonContext, container: Container, ip: string): void {
  if (ip === "") return;
  rewriteHosts(ctx, container, (text) => `${text}${ip}\t${hostsNames(container)}\n`);
}

/**
 * Removes the container's own lines from a running container's `/etc/hosts`, as dockerd 20.10's
 * `etchosts.Delete` does: every line ending in `\t<names>` goes, whatever its address, so
 * leaving one network drops the lines of the others too (recorded on dockerd 20.10); empty
 * lines go as well.
 */
export function deleteHostsEntries(ctx: DaemonContext, container: Container): void {
  const suffix = `\t${hostsNames(container)}`;
  dropHostsLines(ctx, container, (line) => line.endsWith(suffix));
}

/** Removes the given lines (`ip\tnames`) from a running container's `/etc/hosts` (`rm -l`). */
export function deleteHostsLines(
  ctx: DaemonContext,
  container: Container,
  lines: readonly string[],
): void {
  if (lines.length === 0) return;
  dropHostsLines(ctx, container, (line) => lines.includes(line));
}

/** Rewrites a running container's `/etc/hosts` without the lines `drop` picks, nor empty ones. */
function dropHostsLines(
  ctx: DaemonContext,
  container: Container,
  drop: (line: string) => boolean,
): void {
  rewriteHosts(ctx, container, (text) =>
    text
      .split("\n")
      .filter((line) => line !== "" && !drop(line))
      .map((line) => `${line}\n`)
      .join(""),
  );
}

function rewriteHosts(
  ctx: DaemonContext,
  container: Container,
  change: (text: string) => string,
): void {
  const view = container.view;
  if (view === undefined || !container.state.running) return;
  try {
    const before = utf8String(view.readFile("/etc/hosts"));
    view.writeFile("/etc/hosts", utf8Bytes(change(before)), { nowUs: ctx.clock.nowUs() });
  } catch (error) {
    // A process may have replaced or removed the file; dockerd then leaves it alone too.
    if (!(error instanceof FsError)) throw error;
  }
}
