import type { Scheduler } from "../clock/event-loop.ts";
import type { TransferProgress } from "../registry/registry-http.ts";
import type { FlowHandle, FlowScheduler } from "./flow-scheduler.ts";
import { connectionRefused, connectionReset, noRouteToHost } from "./go-net-errors.ts";
import type { Link } from "./link.ts";
import type { NetEndpoint } from "./net-endpoint.ts";

/** What a connection is doing, which decides how a break is worded. */
export type ConnectionPhase = "dial" | "write" | "read";

/**
 * One request's connection from a client address over a path of links to an endpoint. Every
 * wait on it (latency, a body transfer, the server's answer) ends early when the connection is
 * reset: a link on its path is cut or the endpoint goes down (see `Network`).
 */
export class Connection {
  readonly links: readonly Link[];
  readonly endpoint: NetEndpoint;
  readonly localAddress: string;
  phase: ConnectionPhase = "dial";
  readonly #scheduler: Scheduler;
  readonly #flows: FlowScheduler;
  readonly #onClose: (connection: Connection) => void;
  readonly #broken: Promise<never>;
  #break!: (error: Error) => void;
  #flow: FlowHandle | undefined;
  #cancelSleep: (() => void) | undefined;
  #closed = false;

  constructor(options: {
    scheduler: Scheduler;
    flows: FlowScheduler;
    links: readonly Link[];
    endpoint: NetEndpoint;
    localAddress: string;
    onClose: (connection: Connection) => void;
  }) {
    this.#scheduler = options.scheduler;
    this.#flows = options.flows;
    this.links = options.links;
    this.endpoint = options.endpoint;
    this.localAddress = options.localAddress;
    this.#onClose = options.onClose;
    this.#broken = new Promise<never>((_, reject) => {
      this.#break = reject;
    });
    this.#broken.catch(() => undefined);
  }

  /** The path's one-way latency (µs): the sum of its links'. */
  get latencyUs(): number {
    return this.links.reduce((sum, link) => sum + link.latencyUs, 0);
  }

  /** Waits `durationUs` of simulated time, unless the connection breaks first. */
  sleep(durationUs: number): Promise<void> {
    if (durationUs <= 0) return this.wait(Promise.resolve());
    const timer = this.#scheduler.after(durationUs, "net.latency", () => resolve());
    let resolve!: () => void;
    const slept = new Promise<void>((settle) => {
      resolve = settle;
    });
    this.#cancelSleep = () => this.#scheduler.cancel(timer);
    return this.wait(slept).finally(() => {
      this.#cancelSleep = undefined;
    });
  }

  /** Moves `sizeBytes` towards the endpoint (`up`) or back (`down`) at the path's fair share. */
  transfer(
    direction: "up" | "down",
    sizeBytes: number,
    onProgress?: (progress: TransferProgress) => void,
  ): Promise<void> {
    const channels = this.links.map((link) => (direction === "up" ? link.forward : link.reverse));
    const flow = this.#flows.start({ channels, sizeBytes, onProgress });
    this.#flow = flow;
    return this.wait(flow.done).finally(() => {
      this.#flow = undefined;
    });
  }

  /** Waits for `work` (the server's answer) unless the connection breaks first. */
  wait<T>(work: Promise<T>): Promise<T> {
    work.catch(() => undefined);
    return Promise.race([work, this.#broken]);
  }

  /** Breaks the connection: waits in progress reject with Go's wording for the phase. */
  reset(): void {
    if (this.#closed) return;
    this.#flow?.abort();
    this.#cancelSleep?.();
    this.#break(this.failure());
    this.close();
  }

  /** The error this connection fails with now (a dial refused, or a reset). */
  failure(): Error {
    const remoteAddress = this.endpoint.address;
    if (this.phase !== "dial")
      return connectionReset({
        localAddress: this.localAddress,
        remoteAddress,
        operation: this.phase,
      });
    if (this.links.some((link) => link.isCut)) return noRouteToHost(remoteAddress);
    return connectionRefused(remoteAddress);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#onClose(this);
  }
}
