/**
 * The OCI distribution API as messages: a request and a response with HTTP's method, path,
 * headers and status. drydock's registry answers these in memory, its daemons' registry client
 * sends them, and transports carry them: a simulated link (latency, bandwidth, faults) inside a
 * world, real HTTP to `drydock registry` or to a real registry on a real host. One protocol,
 * whatever carries it, so push and pull behave the same over all of them.
 */
export interface RegistryRequest {
  readonly method: "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Path and query, as sent: `/v2/mini/blobs/uploads/?from=x&mount=sha256:…`. */
  readonly target: string;
  /** Header names in lower case. `host` is how the client named the registry (Location URLs use it). */
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Uint8Array;
}

export interface RegistryResponse {
  readonly status: number;
  /** Header names in lower case (`docker-content-digest`, `location`, `range`, …). */
  readonly headers: Readonly<Record<string, string>>;
  /** Empty for HEAD and for bodiless answers. */
  readonly body: Uint8Array;
}

/** Progress of a request's transfer, as a transport reports it (bytes so far, of how many). */
export interface TransferProgress {
  readonly doneBytes: number;
  readonly totalBytes: number;
}

export interface SendOptions {
  /** Called as the request body goes out (simulated links: at simulated instants). */
  readonly onUpload?: (progress: TransferProgress) => void;
  /** Called as the response body comes in. */
  readonly onDownload?: (progress: TransferProgress) => void;
}

/**
 * Carries requests to one registry and brings back its answers. Connection failures (registry
 * down, link cut, connection refused) reject with a `DrydockError` coded `Unavailable` whose
 * message reads as Go's net/http error does (`dial tcp 127.0.0.1:5999: connect: connection refused`).
 */
export interface RegistryTransport {
  send(request: RegistryRequest, options?: SendOptions): Promise<RegistryResponse>;
}

/** A registry as a request handler: the server side, independent of what carries requests. */
export interface RegistryHandler {
  handle(request: RegistryRequest): Promise<RegistryResponse>;
}
