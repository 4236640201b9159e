import type { Rng } from "../random/rng.ts";
import type {
  RegistryHandler,
  RegistryRequest,
  RegistryResponse,
  RegistryTransport,
  SendOptions,
} from "../registry/registry-http.ts";
import type { Link } from "./link.ts";
import type { NetEndpoint } from "./net-endpoint.ts";
import type { Network } from "./network.ts";

/** How a `LinkTransport` is made. */
export interface LinkTransportOptions {
  readonly network: Network;
  /** The path from the client to the server, client side first (e.g. host↔registry, uplink). */
  readonly links: readonly Link[];
  readonly endpoint: NetEndpoint;
  /** The server behind the endpoint, looked up per request (a restart may replace it). */
  readonly handler: () => RegistryHandler;
  /** The client's IP (`10.0.0.2`, `127.0.0.1`), for reset messages. */
  readonly localIp: string;
  /**
   * Who is asking (the world host's name), sent as `x-forwarded-for` as a proxy in front of a
   * registry would: the server's rate limit and trace tell clients apart by it even when all of
   * them connect from 127.0.0.1.
   */
  readonly clientName?: string;
  /** Draws the client's ephemeral ports (32768–60999, as Linux does). */
  readonly rng: Rng;
  /** The server's own time per request (its storage, its checks); default 0. */
  readonly serviceUs?: number;
}

/**
 * Carries registry requests over simulated links. A request alone on its path takes: the
 * one-way latency, the request body at the path's bandwidth (`onUpload` every 512 KiB or so, at
 * simulated instants), the handler's own time, the one-way latency back, and the response body
 * (`onDownload`). Headers are free. Concurrent transfers share every link they cross fairly.
 *
 * Failures reject with `Unavailable` errors worded as Go's: a downed endpoint refuses the dial
 * after one round trip (`dial tcp 10.0.1.1:443: connect: connection refused`), a cut link has no
 * route (`connect: no route to host`), and a cut or an endpoint going down under a request
 * resets it (`write tcp L->R: write: connection reset by peer` while uploading, `read …`
 * after). A request is never half-applied on the client's side: the handler's answer to a
 * request whose connection broke is dropped. With `clientName` the handler sees it as the
 * request's `x-forwarded-for`.
 */
export class LinkTransport implements RegistryTransport {
  readonly #options: LinkTransportOptions;

  constructor(options: LinkTransportOptions) {
    this.#options = options;
  }

  async send(request: RegistryRequest, options: SendOptions = {}): Promise<RegistryResponse> {
    const { network, links, endpoint, rng, localIp } = this.#options;
    const port = rng.int(32_768, 60_999);
    const connection = network.open({ links, endpoint, localAddress: `${localIp}:${port}` });
    try {
      if (links.some((link) => link.isCut)) throw connection.failure();
      if (!endpoint.isUp) {
        await connection.sleep(2 * connection.latencyUs);
        throw connection.failure();
      }
      connection.phase = "write";
      await connection.sleep(connection.latencyUs);
      await connection.transfer("up", request.body?.length ?? 0, options.onUpload);
      connection.phase = "read";
      const response = await connection.wait(
        this.#options.handler().handle(this.#stamped(request)),
      );
      if ((this.#options.serviceUs ?? 0) > 0) await connection.sleep(this.#options.serviceUs ?? 0);
      await connection.sleep(connection.latencyUs);
      await connection.transfer("down", response.body.length, options.onDownload);
      return response;
    } finally {
      connection.close();
    }
  }

  #stamped(request: RegistryRequest): RegistryRequest {
    const name = this.#options.clientName;
    if (name === undefined) return request;
    return { ...request, headers: { ...request.headers, "x-forwarded-for": name } };
  }
}
