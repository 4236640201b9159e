import { DrydockError } from "../errors/drydock-error.ts";

/** Where `drydock daemon` listens: a unix socket path or a loopback TCP port. */
export type EngineApiAddress =
  | { readonly kind: "unix"; readonly path: string }
  | { readonly kind: "tcp"; readonly host: string; readonly port: number };

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

/**
 * Parses `-H unix:///path/docker.sock` or `-H tcp://127.0.0.1:2375`. TCP is loopback only: the
 * daemon has neither TLS nor authentication, and anyone who reaches it owns the simulated world.
 */
export function parseEngineApiAddress(value: string): EngineApiAddress {
  if (value.startsWith("unix://")) {
    const path = value.slice("unix://".length);
    if (!path.startsWith("/")) throw invalid(value, "a unix socket needs an absolute path");
    return { kind: "unix", path };
  }
  if (value.startsWith("tcp://")) {
    const rest = value.slice("tcp://".length).replace(/\/$/, "");
    const colon = rest.lastIndexOf(":");
    const host = colon < 0 ? rest : rest.slice(0, colon);
    const portText = colon < 0 ? "2375" : rest.slice(colon + 1);
    const port = Number.parseInt(portText, 10);
    if (!/^[0-9]{1,5}$/.test(portText) || port > 65535) throw invalid(value, "invalid port");
    if (!LOOPBACK.has(host)) {
      throw invalid(value, "drydock daemon listens on loopback addresses only (no TLS, no auth)");
    }
    return { kind: "tcp", host: host.replace(/^\[(.*)\]$/, "$1"), port };
  }
  throw invalid(value, "use unix:///PATH or tcp://127.0.0.1:PORT");
}

function invalid(value: string, reason: string): DrydockError {
  return new DrydockError("InvalidArgument", `invalid -H ${value}: ${reason}`, {
    data: { value },
  });
}
