import type { Clock } from "../../clock/clock.ts";
import { DrydockError, isDrydockError } from "../../errors/drydock-error.ts";
import { LimitExceededError } from "../../errors/limit-exceeded-error.ts";
import type { RegistryRequest, RegistryResponse, SendOptions } from "../registry-http.ts";
import { type AuthChallenge, parseAuthChallenge } from "./auth-challenge.ts";
import { statusText } from "./error-codes.ts";
import { RegistryAuthorizer } from "./registry-authorizer.ts";
import {
  DEFAULT_REGISTRY_CLIENT_LIMITS,
  type RegistryClientLimits,
} from "./registry-client-limits.ts";
import type { RegistryCredentials } from "./registry-credentials.ts";
import {
  endpointUrl,
  hostnameOf,
  type RegistryEndpoint,
  registryEndpoint,
} from "./registry-endpoint.ts";
import type { RegistryResolver } from "./registry-resolver.ts";
import { noSuchHost, requestError } from "./request-error.ts";

/** What dockerd 20.10 says it is (the kernel and commit are drydock's). */
export const DOCKERD_USER_AGENT =
  "docker/20.10.24+dfsg1 go/go1.19.8 git-commit/5d6db84 kernel/drydock os/linux arch/amd64";

/** Options of a `RegistryClient`. */
export interface RegistryClientOptions {
  /** The domain of the references it serves: `localhost:5000`, `docker.io`. */
  readonly domain: string;
  readonly resolver: RegistryResolver;
  readonly credentials?: RegistryCredentials;
  /** Token lifetimes are measured on it. */
  readonly clock: Clock;
  readonly userAgent?: string;
  readonly limits?: Partial<RegistryClientLimits>;
}

/** A request as the client's operations build it; the client adds `host`, agent and auth. */
export interface ClientRequest {
  readonly method: RegistryRequest["method"];
  readonly target: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: Uint8Array;
}

/**
 * The daemon's side of the distribution API for one registry and one operation (a push, a pull,
 * a login), as dockerd's client behaves: `ping` (`GET /v2/`) learns how the registry wants to be
 * authenticated, then each request goes through the transport the resolver gives for the
 * domain, with the `Authorization` of the repository session that sends it. Carrying failures
 * read as Go's `url.Error` (`Get "http://…/v2/": …`); answers are returned as they come, and
 * `RemoteRepository` turns them into results or `RegistryResponseError`s.
 */
export class RegistryClient {
  readonly endpoint: RegistryEndpoint;
  readonly limits: RegistryClientLimits;
  readonly credentials: RegistryCredentials | undefined;
  readonly #options: RegistryClientOptions;
  #challenge: AuthChallenge | undefined;
  #pinged = false;
  #requestCount = 0;

  constructor(options: RegistryClientOptions) {
    this.#options = options;
    this.endpoint = registryEndpoint(options.domain);
    this.credentials = options.credentials;
    this.limits = Object.freeze({ ...DEFAULT_REGISTRY_CLIENT_LIMITS, ...options.limits });
  }

  /** The challenge `ping` found (undefined: the registry is open, or no ping yet). */
  get challenge(): AuthChallenge | undefined {
    return this.#challenge;
  }

  /** `GET /v2/`: learns the registry's auth challenge; fails only when it cannot be reached. */
  async ping(): Promise<void> {
    const response = await this.#sendTo(this.endpoint.domain, this.endpoint.host, {
      method: "GET",
      target: "/v2/",
    });
    this.#pinged = true;
    this.#challenge =
      response.status === 401
        ? parseAuthChallenge(response.headers["www-authenticate"])
        : undefined;
  }

  /** A session for `scopes`: its own token cache, as each of dockerd's repository clients has. */
  authorizer(scopes: readonly string[]): RegistryAuthorizer {
    return new RegistryAuthorizer({
      challenge: () => this.#challenge,
      credentials: this.credentials,
      scopes,
      clock: this.#options.clock,
      tokenSizeBytesMax: this.limits.tokenSizeBytesMax,
      fetch: (url, headers) => this.#fetchUrl(url, headers),
    });
  }

  /** Sends one request to the registry with the authorizer's `Authorization`. */
  async send(
    request: ClientRequest,
    options: SendOptions & { authorizer?: RegistryAuthorizer } = {},
  ): Promise<RegistryResponse> {
    if (!this.#pinged) await this.ping();
    let authorization: string | undefined;
    try {
      authorization = await options.authorizer?.authorization();
    } catch (error) {
      throw requestError(request, this.url(request.target), error);
    }
    const headers = {
      ...request.headers,
      ...(authorization === undefined ? {} : { authorization }),
    };
    return this.#sendTo(this.endpoint.domain, this.endpoint.host, { ...request, headers }, options);
  }

  /**
   * `docker login`'s check, as dockerd's `loginV2` does it: `GET /v2/`, then the same request
   * authenticated: with a token fetched for no scope (`client_id=docker&offline_token=true`,
   * Basic credentials) when the registry wants Bearer, with Basic credentials when it wants
   * Basic, as is when it is open. Returns the refresh token the token server gave, if any.
   */
  async login(): Promise<{ identityToken: string }> {
    await this.ping();
    const request: ClientRequest = { method: "GET", target: "/v2/" };
    const url = this.url(request.target);
    let authorization: string | undefined;
    let identityToken = "";
    try {
      if (this.#challenge?.scheme === "bearer") {
        const issued = await this.authorizer([]).loginToken();
        authorization = `Bearer ${issued.token}`;
        identityToken = issued.refreshToken;
      } else {
        authorization = await this.authorizer([]).authorization();
      }
    } catch (error) {
      throw requestError(request, url, error);
    }
    const headers: Record<string, string> = authorization === undefined ? {} : { authorization };
    const response = await this.#sendTo(this.endpoint.domain, this.endpoint.host, {
      ...request,
      headers,
    });
    if (response.status !== 200) {
      throw new DrydockError(
        response.status === 401 ? "Unauthenticated" : "Internal",
        `login attempt to ${url} failed with status: ${statusText(response.status)}`,
        { data: { status: response.status } },
      );
    }
    return { identityToken };
  }

  /** The absolute URL of a target, as messages print it. */
  url(target: string): string {
    return endpointUrl(this.endpoint, target);
  }

  async #fetchUrl(
    url: string,
    headers: Readonly<Record<string, string>>,
  ): Promise<RegistryResponse> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new DrydockError("InvalidArgument", `invalid token realm URL ${url}`, {
        data: { url },
      });
    }
    return this.#sendTo(
      parsed.host,
      parsed.host,
      {
        method: "GET",
        target: `${parsed.pathname}${parsed.search}`,
        headers,
      },
      {},
      url,
    );
  }

  async #sendTo(
    domain: string,
    host: string,
    request: ClientRequest,
    options: SendOptions = {},
    url: string = this.url(request.target),
  ): Promise<RegistryResponse> {
    if (++this.#requestCount > this.limits.requestCountMax)
      throw new LimitExceededError({
        what: "registry requests",
        limit: this.limits.requestCountMax,
      });
    const transport = this.#options.resolver(domain);
    if (transport === undefined) throw requestError(request, url, noSuchHost(hostnameOf(host)));
    const headers: Record<string, string> = {
      host,
      "user-agent": this.#options.userAgent ?? DOCKERD_USER_AGENT,
      ...request.headers,
    };
    const message: RegistryRequest = {
      method: request.method,
      target: request.target,
      headers,
      ...(request.body === undefined ? {} : { body: request.body }),
    };
    try {
      return await transport.send(message, options);
    } catch (error) {
      if (!isDrydockError(error)) throw error;
      throw requestError(request, url, error);
    }
  }
}
