import { DrydockError } from "../errors/drydock-error.ts";
import { type HostIp, joinHostPort } from "./host-ip.ts";

/**
 * The ephemeral range dockerd 20.10 reads from `/proc/sys/net/ipv4/ip_local_port_range`: Linux's
 * default 32768–60999 (a fresh dockerd's first `-P` port is 32768, recorded in
 * test/fixtures/daemon/port-publishing.json).
 */
export const EPHEMERAL_PORTS = Object.freeze({ begin: 32768, end: 60999 });

/**
 * Remembered `last` positions (one per address, protocol and requested range). libnetwork never
 * forgets them; drydock keeps the most recently used this many (a forgotten range starts again
 * from its first port, still skipping the ports in use).
 */
const RANGE_CURSORS_MAX = 4096;

/**
 * The simulated host's published ports, the two places dockerd 20.10 can refuse one:
 * libnetwork's port allocator (ports per host address and protocol; `Bind for 0.0.0.0:8080
 * failed: port is already allocated`) and the sockets its docker-proxy processes listen on,
 * where the kernel refuses an address already bound (`0.0.0.0:8080` and `127.0.0.1:8080` are
 * different to the allocator but not to the kernel). An IPv6 proxy socket is IPv6-only, so it
 * never collides with an IPv4 one. Nothing else on the simulated host listens.
 */
export class HostPorts {
  /** Allocated ports per `address/proto`; an entry goes when its last port does. */
  readonly #used = new Map<string, Set<number>>();
  /** The last port handed out per `address/proto/begin-end`; the next search starts after it. */
  readonly #cursors = new Map<string, number>();
  /** Addresses with a listening proxy, per `proto family port`. */
  readonly #sockets = new Map<string, Set<string>>();

  /**
   * libnetwork's `RequestPortInRange`: `start === end` asks for that port (0: any ephemeral
   * one); a range gives its first free port after the last one it gave.
   */
  request(ip: HostIp, proto: string, start: number, end: number): number {
    const mapKey = `${ip.text}/${proto}`;
    const used = this.#used.get(mapKey) ?? new Set<number>();
    if (start === end && start !== 0) {
      if (used.has(start))
        throw new DrydockError(
          "Internal",
          `Bind for ${ip.text}:${start} failed: port is already allocated`,
          { data: { ip: ip.text, port: start } },
        );
      return this.#take(mapKey, used, start);
    }
    const [begin, last] = start === 0 ? [EPHEMERAL_PORTS.begin, EPHEMERAL_PORTS.end] : [start, end];
    const cursorKey = `${mapKey}/${begin}-${last}`;
    let port = this.#cursors.get(cursorKey) ?? last;
    for (let step = 0; step <= last - begin; step++) {
      port = port >= last ? begin : port + 1;
      if (used.has(port)) continue;
      this.#cursors.delete(cursorKey);
      this.#cursors.set(cursorKey, port);
      if (this.#cursors.size > RANGE_CURSORS_MAX)
        this.#cursors.delete(this.#cursors.keys().next().value!);
      return this.#take(mapKey, used, port);
    }
    throw new DrydockError("Internal", "all ports are allocated", {
      data: { range: `${begin}-${last}` },
    });
  }

  release(ip: HostIp, proto: string, port: number): void {
    const mapKey = `${ip.text}/${proto}`;
    const used = this.#used.get(mapKey);
    used?.delete(port);
    if (used?.size === 0) this.#used.delete(mapKey);
  }

  /** A docker-proxy starts listening: refused (EADDRINUSE) where the kernel would refuse it. */
  listen(ip: HostIp, proto: string, port: number): void {
    const key = `${proto} ${ip.family} ${port}`;
    const bound = this.#sockets.get(key) ?? new Set<string>();
    const any = ip.family === 4 ? "0.0.0.0" : "::";
    if (bound.size > 0 && (ip.unspecified || bound.has(ip.text) || bound.has(any)))
      throw new DrydockError(
        "Internal",
        `Error starting userland proxy: listen ${proto}${ip.family} ${joinHostPort(ip.text, port)}: bind: address already in use`,
        { data: { ip: ip.text, port } },
      );
    bound.add(ip.text);
    this.#sockets.set(key, bound);
  }

  close(ip: HostIp, proto: string, port: number): void {
    const key = `${proto} ${ip.family} ${port}`;
    const bound = this.#sockets.get(key);
    bound?.delete(ip.text);
    if (bound?.size === 0) this.#sockets.delete(key);
  }

  #take(mapKey: string, used: Set<number>, port: number): number {
    used.add(port);
    this.#used.set(mapKey, used);
    return port;
  }
}
