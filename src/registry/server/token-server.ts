import type { Clock } from "../../clock/clock.ts";
import { formatRfc3339Nano } from "../../clock/time-format.ts";
import { writeGoJson } from "../../digest/go-json.ts";
import type { Rng } from "../../random/rng.ts";
import { NULL_TRACER, type Tracer } from "../../trace/tracer.ts";
import { base64Decode } from "../client/base64.ts";
import type { RegistryHandler, RegistryRequest, RegistryResponse } from "../registry-http.ts";
import type { AccessPolicy } from "./access-policy.ts";
import {
  readToken,
  signToken,
  type TokenAccess,
  type TokenClaims,
  type TokenVerifier,
} from "./registry-token.ts";

/** Options of a `TokenServer`. */
export interface TokenServerOptions {
  /** The domain it answers on: `auth.docker.io`. */
  readonly name: string;
  /** The service its tokens are for (the registry's `service`): `registry.docker.io`. */
  readonly service: string;
  readonly policy: AccessPolicy;
  readonly clock: Clock;
  /** Signing key and token IDs. */
  readonly rng: Rng;
  /** Default `/token`. */
  readonly path?: string;
  /** Default `https`. */
  readonly scheme?: "http" | "https";
  /** Default 300, as Docker Hub. */
  readonly tokenLifetimeSeconds?: number;
  readonly tracer?: Tracer;
}

/** At most this many scopes are read from one token request. */
const SCOPE_COUNT_MAX = 64;
const encoder = new TextEncoder();

/**
 * A bearer token server as Docker Hub's and distribution's: `GET <path>?service=…&scope=…`
 * with Basic credentials or none returns `{"token","access_token","expires_in","issued_at"}`,
 * the token granting what the policy allows of what was asked. Wrong credentials: 401
 * `{"details":"incorrect username or password"}`, which dockerd prints as
 * `unauthorized: incorrect username or password`. Tokens are HS256 JWTs, deterministic (key and
 * IDs from the Rng), and expire on the virtual clock.
 */
export class TokenServer implements RegistryHandler, TokenVerifier {
  readonly name: string;
  readonly service: string;
  readonly realm: string;
  readonly #options: TokenServerOptions;
  readonly #secret: Uint8Array;
  readonly #path: string;
  readonly #tracer: Tracer;

  constructor(options: TokenServerOptions) {
    this.#options = options;
    this.name = options.name;
    this.service = options.service;
    this.#path = options.path ?? "/token";
    this.realm = `${options.scheme ?? "https"}://${options.name}${this.#path}`;
    this.#secret = options.rng.bytes(32);
    this.#tracer = options.tracer ?? NULL_TRACER;
  }

  async handle(request: RegistryRequest): Promise<RegistryResponse> {
    return this.answer(request);
  }

  /** The answer to one request, synchronously. */
  answer(request: RegistryRequest): RegistryResponse {
    const question = request.target.indexOf("?");
    const path = question < 0 ? request.target : request.target.slice(0, question);
    if (path !== this.#path || (request.method !== "GET" && request.method !== "HEAD"))
      return json(404, { details: "not found" });
    const query = new URLSearchParams(question < 0 ? "" : request.target.slice(question + 1));
    const user = this.#user(request.headers.authorization);
    if (user === false) return json(401, { details: "incorrect username or password" });
    const access = query
      .getAll("scope")
      .slice(0, SCOPE_COUNT_MAX)
      .flatMap((scope) => this.#grant(user, scope));
    const lifetimeSeconds = this.#options.tokenLifetimeSeconds ?? 300;
    const nowUs = this.#options.clock.nowUs();
    const nowSeconds = Math.floor(nowUs / 1_000_000);
    const claims: TokenClaims = {
      iss: this.name,
      sub: user ?? "",
      aud: query.get("service") ?? this.service,
      exp: nowSeconds + lifetimeSeconds,
      nbf: nowSeconds,
      iat: nowSeconds,
      jti: this.#options.rng.hex(32),
      access,
    };
    const token = signToken(this.#secret, claims);
    this.#tracer.emit({
      kind: "registry.token.issue",
      component: "registry",
      data: {
        client: request.headers["x-forwarded-for"],
        user: user ?? "",
        access: access.map((entry) => `${entry.type}:${entry.name}:${entry.actions.join(",")}`),
      },
    });
    return json(200, {
      token,
      access_token: token,
      expires_in: lifetimeSeconds,
      issued_at: formatRfc3339Nano(nowUs),
    });
  }

  verify(token: string, nowUs: number): TokenClaims | undefined {
    const claims = readToken(this.#secret, token);
    if (claims === undefined || claims.aud !== this.service) return undefined;
    const nowSeconds = Math.floor(nowUs / 1_000_000);
    return nowSeconds < claims.exp && nowSeconds >= claims.nbf ? claims : undefined;
  }

  /** The user of Basic credentials; undefined when anonymous, false when refused. */
  #user(authorization: string | undefined): string | undefined | false {
    if (authorization === undefined || !authorization.startsWith("Basic ")) return undefined;
    const decoded = base64Decode(authorization.slice(6).trim());
    if (decoded === undefined) return false;
    const text = new TextDecoder().decode(decoded);
    const colon = text.indexOf(":");
    if (colon < 0) return false;
    const username = text.slice(0, colon);
    return this.#options.policy.authenticate(username, text.slice(colon + 1)) ? username : false;
  }

  /** `repository:name:pull,push` → what the policy grants of it (omitted when nothing). */
  #grant(user: string | undefined, scope: string): TokenAccess[] {
    const first = scope.indexOf(":");
    const last = scope.lastIndexOf(":");
    if (first < 0 || last === first) return [];
    const type = scope.slice(0, first).replace(/\(.*\)$/, "");
    const name = scope.slice(first + 1, last);
    const wanted = scope
      .slice(last + 1)
      .split(",")
      .filter((action) => action !== "");
    const actions = this.#options.policy.granted(user, { type, name }, wanted);
    return [{ type, name, actions }];
  }
}

function json(status: number, value: unknown): RegistryResponse {
  const body = encoder.encode(`${writeGoJson(value)}\n`);
  return {
    status,
    headers: { "content-type": "application/json", "content-length": String(body.length) },
    body,
  };
}
