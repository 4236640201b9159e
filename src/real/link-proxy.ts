/**
 * The real-Docker side of a simulated host↔registry link: a reverse proxy on a private loopback
 * address that dockerd takes for the registry. It delays, paces, observes and breaks the HTTP/1.1
 * traffic it forwards to the real docker-registry, as the simulator's link and faults do.
 */
import http from "node:http";
import type { Socket } from "node:net";
import { bytesPerSecondOfMbps } from "../world/world-spec.ts";
import { BandwidthPacer } from "./bandwidth-pacer.ts";
import { ForwardedExchange } from "./forwarded-exchange.ts";
import type { LinkExchange } from "./link-exchange.ts";
import { wallNowUs } from "./real-trace.ts";

export type { LinkExchange } from "./link-exchange.ts";
export { type RegistryEventBody, registryEventOf, UploadSizes } from "./registry-event-of.ts";

/** Connections a proxy holds at once; Node's server closes the ones past it at once. */
export const LINK_PROXY_CONNECTION_COUNT_MAX = 512;

/** Longest a client may take to send a request's headers. */
const HEADERS_TIMEOUT_MS = 60_000;

/** What {@link startLinkProxy} needs. */
export interface LinkProxyOptions {
  /** For messages, e.g. "dev→registry.local:5000". */
  readonly name: string;
  readonly listen: { readonly host: string; readonly port: number };
  readonly target: { readonly host: string; readonly port: number };
  /** One way; 0 allowed. */
  readonly latencyMs: number;
  /** Each direction; 1 Mbit/s = 125 000 bytes/s. Must be positive. */
  readonly bandwidthMbps: number;
  /** Called once per HTTP exchange when its response has been sent completely (or failed); must not throw. */
  readonly onExchange?: (exchange: LinkExchange) => void;
  /** Wall-clock microseconds since the epoch (default from performance.timeOrigin + performance.now()). */
  readonly nowUs?: () => number;
}

/**
 * A running link proxy. Requests wait `latencyMs` before they reach the registry and responses
 * wait `latencyMs` before their status line reaches the client; bodies are paced to
 * `bandwidthMbps` per direction, shared by all the link's connections (16 KiB pieces, at most
 * about 200 KiB buffered per exchange and direction: the proxy reads no faster than it sends).
 * Keep-alive works on both sides; the `Host` header goes through unchanged.
 *
 * Faults differ from the simulator's (`src/net/`) in what a client sees on a new dial: the
 * simulator refuses dials to a downed registry (`connect: connection refused`) but finds no
 * route across a cut link (`connect: no route to host`); a loopback proxy can only refuse, so
 * both `down()` and `cut()` give `connection refused`. Connections in flight are reset in both
 * (`read`/`write: connection reset by peer`), as in the simulator; idle keep-alive connections
 * are closed (FIN), as a killed registry's are.
 */
export interface LinkProxy {
  /** "127.1.2.3:5000". */
  readonly address: string;
  /** link-slow: later delays use the new latency; paced bodies in flight go on at the new rate. */
  setShape(shape: { latencyMs?: number; bandwidthMbps?: number }): void;
  /** The registry is down: new connections are refused (stop listening), connections in flight are reset (RST). */
  down(): Promise<void>;
  /** Listens again on the same address (unless also cut). */
  up(): Promise<void>;
  /**
   * link-cut: everything in flight is reset, new connections are refused until `restore()`
   * (the simulator says `no route to host` for those; see {@link LinkProxy}).
   */
  cut(): Promise<void>;
  /** Listens again on the same address (unless also down). */
  restore(): Promise<void>;
  /** Ends everything; idempotent. */
  close(): Promise<void>;
}

/** Starts a link proxy listening on `options.listen`; rejects with a clear message if it cannot. */
export async function startLinkProxy(options: LinkProxyOptions): Promise<LinkProxy> {
  const proxy = new RealLinkProxy(options);
  await proxy.start();
  return proxy;
}

class RealLinkProxy implements LinkProxy {
  readonly address: string;
  readonly #options: LinkProxyOptions;
  readonly #upward: BandwidthPacer;
  readonly #downward: BandwidthPacer;
  readonly #exchanges = new Set<ForwardedExchange>();
  readonly #sockets = new Set<Socket>();
  #latencyMs: number;
  #agent = newAgent();
  #server: http.Server | undefined;
  #down = false;
  #cut = false;
  #closed = false;
  /** Faults apply one after the other. */
  #pending: Promise<void> = Promise.resolve();

  constructor(options: LinkProxyOptions) {
    this.#options = options;
    this.address = `${options.listen.host}:${options.listen.port}`;
    this.#latencyMs = checkedLatency(options.latencyMs);
    const bytesPerSecond = bytesPerSecondOf(options.bandwidthMbps);
    this.#upward = new BandwidthPacer({ bytesPerSecond });
    this.#downward = new BandwidthPacer({ bytesPerSecond });
  }

  async start(): Promise<void> {
    await this.#apply();
  }

  setShape(shape: { latencyMs?: number; bandwidthMbps?: number }): void {
    if (shape.latencyMs !== undefined) this.#latencyMs = checkedLatency(shape.latencyMs);
    if (shape.bandwidthMbps !== undefined) {
      const bytesPerSecond = bytesPerSecondOf(shape.bandwidthMbps);
      this.#upward.setRate(bytesPerSecond);
      this.#downward.setRate(bytesPerSecond);
    }
  }

  down(): Promise<void> {
    return this.#change(() => (this.#down = true));
  }

  up(): Promise<void> {
    return this.#change(() => (this.#down = false));
  }

  cut(): Promise<void> {
    return this.#change(() => (this.#cut = true));
  }

  restore(): Promise<void> {
    return this.#change(() => (this.#cut = false));
  }

  close(): Promise<void> {
    return this.#change(() => (this.#closed = true));
  }

  #change(update: () => void): Promise<void> {
    const next = this.#pending.then(() => {
      update();
      return this.#apply();
    });
    this.#pending = next.catch(() => undefined);
    return next;
  }

  /** Listens or stops listening as the flags say. */
  async #apply(): Promise<void> {
    const wanted = !(this.#closed || this.#down || this.#cut);
    if (wanted && this.#server === undefined) this.#server = await this.#listen();
    else if (!wanted && this.#server !== undefined) await this.#stop(this.#server);
    if (this.#closed) {
      this.#upward.clear();
      this.#downward.clear();
      this.#agent.destroy();
    }
  }

  async #stop(server: http.Server): Promise<void> {
    this.#server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    const reason = this.#closed ? "link proxy closed" : this.#cut ? "link cut" : "registry down";
    for (const exchange of [...this.#exchanges]) exchange.cut(`${reason}: connection reset`);
    for (const socket of this.#sockets) socket.destroy();
    this.#sockets.clear();
    // Keep-alive connections to the registry would outlive the fault: start afresh.
    this.#agent.destroy();
    this.#agent = newAgent();
    await closed;
  }

  #listen(): Promise<http.Server> {
    const server = http.createServer({ requestTimeout: 0, headersTimeout: HEADERS_TIMEOUT_MS });
    // Idle keep-alive connections stay open, as the registry's do: dockerd decides when to drop them.
    server.keepAliveTimeout = 0;
    server.maxConnections = LINK_PROXY_CONNECTION_COUNT_MAX;
    server.on("connection", (socket: Socket) => {
      this.#sockets.add(socket);
      socket.on("close", () => this.#sockets.delete(socket));
    });
    server.on("request", (request, response) => this.#forward(request, response));
    const { host, port } = this.#options.listen;
    return new Promise((resolve, reject) => {
      server.once("error", (error: NodeJS.ErrnoException) => reject(this.#listenError(error)));
      server.listen({ host, port, exclusive: true }, () => resolve(server));
    });
  }

  #forward(request: http.IncomingMessage, response: http.ServerResponse): void {
    const { target } = this.#options;
    const exchange = new ForwardedExchange(
      {
        target,
        targetAddress: `${target.host}:${target.port}`,
        proxyAddress: this.address,
        agent: () => this.#agent,
        latencyMs: () => this.#latencyMs,
        upward: this.#upward,
        downward: this.#downward,
        nowUs: this.#options.nowUs ?? wallNowUs,
        ended: (ended, record) => {
          this.#exchanges.delete(ended);
          this.#options.onExchange?.(record);
        },
      },
      request,
      response,
    );
    this.#exchanges.add(exchange);
    exchange.start();
  }

  #listenError(error: NodeJS.ErrnoException): Error {
    const where = `link proxy "${this.#options.name}" cannot listen on ${this.address}`;
    switch (error.code) {
      case "EADDRINUSE":
        return new Error(`${where}: the address is already in use`, { cause: error });
      case "EADDRNOTAVAIL":
        return new Error(`${where}: ${this.#options.listen.host} is not a local address`, {
          cause: error,
        });
      case "EACCES":
        return new Error(`${where}: permission denied (a port below 1024 needs root)`, {
          cause: error,
        });
      default:
        return new Error(`${where}: ${error.message}`, { cause: error });
    }
  }
}

function newAgent(): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets: LINK_PROXY_CONNECTION_COUNT_MAX });
}

function checkedLatency(latencyMs: number): number {
  if (!(Number.isFinite(latencyMs) && latencyMs >= 0))
    throw new Error(`link latency must be a number of milliseconds ≥ 0, got ${latencyMs}`);
  return latencyMs;
}

function bytesPerSecondOf(mbps: number): number {
  if (!(Number.isFinite(mbps) && mbps > 0))
    throw new Error(`link bandwidth must be a positive number of Mbit/s, got ${mbps}`);
  return bytesPerSecondOfMbps(mbps);
}
