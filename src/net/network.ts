import type { Scheduler } from "../clock/event-loop.ts";
import { assert } from "../errors/assert.ts";
import { LimitExceededError } from "../errors/limit-exceeded-error.ts";
import { NULL_TRACER, type Tracer } from "../trace/tracer.ts";
import { Connection } from "./connection.ts";
import { FlowScheduler } from "./flow-scheduler.ts";
import { Link, type LinkShape } from "./link.ts";
import { NetEndpoint } from "./net-endpoint.ts";

/** How a `Network` is made. */
export interface NetworkOptions {
  readonly scheduler: Scheduler;
  /** Receives `net.link.*` and `net.endpoint.*` events (faults), component `net`. */
  readonly tracer?: Tracer;
  /** Links and endpoints one network may hold (default 100 000). */
  readonly elementCountMax?: number;
}

/**
 * A simulated network on a world's event loop: links (latency, bandwidth, full duplex),
 * endpoints (servers that can be down), and the connections crossing them. Faults go through
 * here so that everything in flight sees them at the instant they happen: a cut link or a
 * downed endpoint resets the connections that use it, a reshaped link changes the rates of the
 * transfers crossing it.
 */
export class Network {
  readonly scheduler: Scheduler;
  readonly flows: FlowScheduler;
  readonly #tracer: Tracer;
  readonly #elementCountMax: number;
  readonly #connections = new Set<Connection>();
  #nextChannelId = 0;
  #elementCount = 0;

  constructor(options: NetworkOptions) {
    this.scheduler = options.scheduler;
    this.flows = new FlowScheduler({ scheduler: options.scheduler });
    this.#tracer = (options.tracer ?? NULL_TRACER).with({ component: "net" });
    this.#elementCountMax = options.elementCountMax ?? 100_000;
  }

  /** Connections open now. */
  get connectionCount(): number {
    return this.#connections.size;
  }

  link(options: { name: string } & LinkShape): Link {
    this.#count();
    const ids = [this.#nextChannelId++, this.#nextChannelId++] as const;
    const { name, latencyUs, bandwidthBytesPerSecond } = options;
    return new Link({ name, ids, shape: { latencyUs, bandwidthBytesPerSecond } });
  }

  endpoint(options: { name: string; address: string }): NetEndpoint {
    this.#count();
    return new NetEndpoint(options);
  }

  /** Opens a connection from `localAddress` over `links` to `endpoint` (not yet dialled). */
  open(options: {
    links: readonly Link[];
    endpoint: NetEndpoint;
    localAddress: string;
  }): Connection {
    assert(options.links.length > 0, "a connection crosses at least one link");
    const connection = new Connection({
      ...options,
      scheduler: this.scheduler,
      flows: this.flows,
      onClose: (closed) => this.#connections.delete(closed),
    });
    this.#connections.add(connection);
    return connection;
  }

  /** Cuts `link`: connections across it are reset, new dials find no route. */
  cut(link: Link): void {
    if (link.isCut) return;
    link.setCut(true);
    this.#tracer.emit({ kind: "net.link.cut", data: { link: link.name } });
    this.#resetWhere((connection) => connection.links.includes(link));
  }

  restore(link: Link): void {
    if (!link.isCut) return;
    link.setCut(false);
    this.#tracer.emit({ kind: "net.link.restore", data: { link: link.name } });
  }

  /** Changes a link's latency and/or bandwidth from now on; transfers in flight adjust. */
  reshape(link: Link, shape: Partial<LinkShape>): void {
    link.setShape(shape);
    this.#tracer.emit({
      kind: "net.link.reshape",
      data: {
        link: link.name,
        latencyUs: link.latencyUs,
        bandwidthBytesPerSecond: link.bandwidthBytesPerSecond,
      },
    });
    this.flows.capacityChanged();
  }

  /** Takes an endpoint down (its connections are reset, dials refused) or brings it up. */
  setUp(endpoint: NetEndpoint, up: boolean): void {
    if (endpoint.isUp === up) return;
    endpoint.setUp(up);
    this.#tracer.emit({
      kind: up ? "net.endpoint.up" : "net.endpoint.down",
      data: { endpoint: endpoint.name, address: endpoint.address },
    });
    if (!up) this.#resetWhere((connection) => connection.endpoint === endpoint);
  }

  #resetWhere(predicate: (connection: Connection) => boolean): void {
    // Connections are kept in opening order, so resets (and their traces) are in a stable order.
    for (const connection of [...this.#connections]) {
      if (predicate(connection)) connection.reset();
    }
  }

  #count(): void {
    if (++this.#elementCount > this.#elementCountMax) {
      throw new LimitExceededError({
        what: "links and endpoints in one network",
        limit: this.#elementCountMax,
      });
    }
  }
}
