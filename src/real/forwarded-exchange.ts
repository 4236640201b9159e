/**
 * One HTTP exchange through a link proxy: the request waits one latency, streams to the registry
 * through the upward pacer; the response waits one latency, streams back through the downward
 * pacer. A failure on either side, or a fault, resets the client's connection.
 */
import http from "node:http";
import { pipeline } from "node:stream";
import type { BandwidthPacer } from "./bandwidth-pacer.ts";
import { type LinkExchange, observedHeaders } from "./link-exchange.ts";
import { PacedStream } from "./paced-stream.ts";
import { endToEndHeaders, rewriteLocation } from "./proxy-headers.ts";

/** What an exchange needs from its proxy (read when used: the shape and agent may change). */
export interface ExchangeLink {
  readonly target: { readonly host: string; readonly port: number };
  readonly targetAddress: string;
  readonly proxyAddress: string;
  agent(): http.Agent;
  latencyMs(): number;
  readonly upward: BandwidthPacer;
  readonly downward: BandwidthPacer;
  nowUs(): number;
  /** Called once, when the exchange has ended either way. */
  ended(exchange: ForwardedExchange, record: LinkExchange): void;
}

/** One request/response crossing the link. */
export class ForwardedExchange {
  readonly #link: ExchangeLink;
  readonly #request: http.IncomingMessage;
  readonly #response: http.ServerResponse;
  readonly #startUs: number;
  readonly #upPaced: PacedStream;
  readonly #downPaced: PacedStream;
  readonly #timers = new Set<NodeJS.Timeout>();
  #upstream: http.ClientRequest | undefined;
  #status: number | undefined;
  #responseHeaders: Record<string, string> = {};
  #done = false;

  constructor(link: ExchangeLink, request: http.IncomingMessage, response: http.ServerResponse) {
    this.#link = link;
    this.#request = request;
    this.#response = response;
    this.#startUs = link.nowUs();
    this.#upPaced = new PacedStream(link.upward);
    this.#downPaced = new PacedStream(link.downward);
  }

  /** The client's connection. */
  get socket(): http.IncomingMessage["socket"] {
    return this.#request.socket;
  }

  /** Forwards the request; the rest happens on events. */
  start(): void {
    this.#response.on("close", () => {
      if (!this.#response.writableFinished) this.cut("client closed the connection");
    });
    this.#after(this.#link.latencyMs(), () => this.#forwardRequest());
  }

  /** Runs a step; one that throws (Node refusing a header, say) cuts the exchange. */
  #guarded(step: () => void): void {
    try {
      step();
    } catch (error) {
      this.cut(`proxy failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Ends the exchange now: the client's connection is reset (RST), the registry's dropped. */
  cut(reason: string): void {
    if (this.#done) return;
    this.#finish(reason);
    const socket = this.#request.socket;
    if (!socket.destroyed) socket.resetAndDestroy();
  }

  #forwardRequest(): void {
    const { target } = this.#link;
    const upstream = http.request({
      host: target.host,
      port: target.port,
      method: this.#request.method,
      path: this.#request.url,
      headers: endToEndHeaders(this.#request.headersDistinct),
      agent: this.#link.agent(),
      setHost: false,
    });
    this.#upstream = upstream;
    // After the request body is through, the pipeline no longer listens for the registry's errors.
    upstream.on("error", (error) => this.cut(`registry connection failed: ${error.message}`));
    upstream.on("response", (answer) => {
      this.#after(this.#link.latencyMs(), () => this.#forwardResponse(answer));
    });
    pipeline(this.#request, this.#upPaced, upstream, (error) => {
      if (error) this.cut(`request not forwarded: ${error.message}`);
    });
  }

  #forwardResponse(answer: http.IncomingMessage): void {
    const headers = endToEndHeaders(answer.headersDistinct);
    const location = headers.location;
    if (typeof location === "string")
      headers.location = rewriteLocation(location, {
        targetAddress: this.#link.targetAddress,
        proxyAddress: this.#link.proxyAddress,
      });
    const status = answer.statusCode ?? 502;
    this.#response.writeHead(status, answer.statusMessage, headers);
    this.#status = status;
    this.#responseHeaders = observedHeaders(headers);
    pipeline(answer, this.#downPaced, this.#response, (error) => {
      if (error) this.cut(`response not forwarded: ${error.message}`);
      else this.#finish(undefined);
    });
  }

  /** Runs `then` after `ms` (at once for 0) unless the exchange has ended meanwhile. */
  #after(ms: number, then: () => void): void {
    if (ms <= 0) {
      this.#guarded(then);
      return;
    }
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      if (!this.#done) this.#guarded(then);
    }, ms);
    this.#timers.add(timer);
  }

  #finish(error: string | undefined): void {
    if (this.#done) return;
    this.#done = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    if (error !== undefined) {
      this.#upstream?.destroy();
      this.#upPaced.destroy();
      this.#downPaced.destroy();
    }
    this.#link.ended(this, {
      startUs: this.#startUs,
      endUs: this.#link.nowUs(),
      method: this.#request.method ?? "",
      path: this.#request.url ?? "",
      status: this.#status,
      requestBytes: this.#upPaced.passedBytes,
      responseBytes: this.#downPaced.passedBytes,
      requestHeaders: observedHeaders(this.#request.headers),
      responseHeaders: this.#responseHeaders,
      ...(error === undefined ? {} : { error }),
    });
  }
}
