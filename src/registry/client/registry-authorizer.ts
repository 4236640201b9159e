import type { Clock } from "../../clock/clock.ts";
import { DrydockError } from "../../errors/drydock-error.ts";
import type { RegistryResponse } from "../registry-http.ts";
import type { AuthChallenge } from "./auth-challenge.ts";
import { base64Encode } from "./base64.ts";
import { goEncodeQuery } from "./go-query.ts";
import type { RegistryCredentials } from "./registry-credentials.ts";
import { responseError } from "./registry-response-error.ts";

/** Sends a GET to an absolute URL (a token realm) and returns the answer. */
export type UrlFetcher = (
  url: string,
  headers: Readonly<Record<string, string>>,
) => Promise<RegistryResponse>;

/** Options of a `RegistryAuthorizer`. */
export interface RegistryAuthorizerOptions {
  /**
   * The registry's challenge from `GET /v2/` (undefined when the registry is open), read when a
   * request needs it: a session may be made before the client has pinged.
   */
  readonly challenge: () => AuthChallenge | undefined;
  readonly credentials: RegistryCredentials | undefined;
  /** `repository:mini:push,pull`, … in the order they go into the token request. */
  readonly scopes: readonly string[];
  readonly fetch: UrlFetcher;
  readonly clock: Clock;
  readonly tokenSizeBytesMax: number;
}

/** A token as a token server hands it out. */
export interface IssuedToken {
  readonly token: string;
  readonly refreshToken: string;
}

/** Distribution's client never keeps a token for less than a minute. */
const TOKEN_LIFETIME_SECONDS_MIN = 60;

/**
 * The `Authorization` of one repository session, as distribution's client (dockerd's) computes
 * it: nothing for an open registry; Basic for a Basic challenge; for a Bearer challenge a token
 * fetched from the realm (`GET realm?account=…&scope=…&service=…` with the Basic credentials,
 * anonymous without) once, and again when it expires. dockerd makes one authorizer per
 * repository client, so a push fetches one token and each mount attempt one more.
 */
export class RegistryAuthorizer {
  readonly #options: RegistryAuthorizerOptions;
  #cached: { readonly header: string; readonly expiresUs: number } | undefined;
  #pending: Promise<string> | undefined;

  constructor(options: RegistryAuthorizerOptions) {
    this.#options = options;
  }

  /** The header value for the next request, or undefined when none is needed. */
  async authorization(): Promise<string | undefined> {
    const { credentials } = this.#options;
    const challenge = this.#options.challenge();
    if (credentials?.kind === "bearer") return `Bearer ${credentials.registryToken}`;
    if (challenge === undefined) return undefined;
    if (challenge.scheme === "basic") {
      if (credentials === undefined)
        throw new DrydockError("Unauthenticated", "no basic auth credentials");
      return basicHeader(credentials);
    }
    if (challenge.scheme !== "bearer") return undefined;
    const cached = this.#cached;
    if (cached !== undefined && this.#options.clock.nowUs() < cached.expiresUs)
      return cached.header;
    this.#pending ??= this.#refresh().finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  /**
   * A token for `docker login`: no scope, `client_id=docker&offline_token=true`, so the token
   * server may hand out a refresh token (dockerd's `IdentityToken`).
   */
  async loginToken(): Promise<IssuedToken> {
    return this.#fetch({ login: true });
  }

  async #refresh(): Promise<string> {
    const nowUs = this.#options.clock.nowUs();
    const issued = await this.#fetch({ login: false });
    const header = `Bearer ${issued.token}`;
    this.#cached = { header, expiresUs: nowUs + issued.lifetimeSeconds * 1_000_000 };
    return header;
  }

  async #fetch(options: { login: boolean }): Promise<IssuedToken & { lifetimeSeconds: number }> {
    const { credentials } = this.#options;
    const challenge = this.#options.challenge();
    const realm = challenge?.parameters.realm;
    if (realm === undefined || realm === "")
      throw new DrydockError("Unauthenticated", "bearer auth challenge has no realm");
    const url = tokenUrl({
      realm,
      service: challenge?.parameters.service,
      scopes: options.login ? [] : this.#options.scopes,
      username: credentials?.kind === "basic" ? credentials.username : undefined,
      login: options.login,
    });
    const headers: Record<string, string> = {};
    if (credentials?.kind === "basic") headers.authorization = basicHeader(credentials);
    const response = await this.#options.fetch(url, headers);
    if (response.status !== 200) throw responseError(response);
    return readToken(response, this.#options.tokenSizeBytesMax);
  }
}

function basicHeader(credentials: { username: string; password: string }): string {
  const pair = new TextEncoder().encode(`${credentials.username}:${credentials.password}`);
  return `Basic ${base64Encode(pair)}`;
}

/** The token request URL: the realm's own query merged with ours, keys sorted as Go encodes. */
function tokenUrl(options: {
  realm: string;
  service: string | undefined;
  scopes: readonly string[];
  username: string | undefined;
  login: boolean;
}): string {
  const question = options.realm.indexOf("?");
  const base = question < 0 ? options.realm : options.realm.slice(0, question);
  const values = new Map<string, string[]>();
  const add = (key: string, value: string): void => {
    const list = values.get(key) ?? [];
    list.push(value);
    values.set(key, list);
  };
  if (question >= 0) {
    for (const [key, value] of new URLSearchParams(options.realm.slice(question + 1)))
      add(key, value);
  }
  if (options.username !== undefined) add("account", options.username);
  if (options.login) {
    add("client_id", "docker");
    add("offline_token", "true");
  }
  for (const scope of options.scopes) add("scope", scope);
  if (options.service !== undefined && options.service !== "") add("service", options.service);
  const query = goEncodeQuery(values);
  return query === "" ? base : `${base}?${query}`;
}

function readToken(
  response: RegistryResponse,
  sizeBytesMax: number,
): IssuedToken & { lifetimeSeconds: number } {
  const invalid = (reason: string): DrydockError =>
    new DrydockError("Unauthenticated", `unable to decode token response: ${reason}`);
  if (response.body.length > sizeBytesMax) throw invalid("too large");
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(response.body));
  } catch (error) {
    throw invalid((error as Error).message);
  }
  const record = (value ?? {}) as Record<string, unknown>;
  const token =
    typeof record.token === "string" && record.token !== ""
      ? record.token
      : typeof record.access_token === "string"
        ? record.access_token
        : "";
  if (token === "")
    throw new DrydockError(
      "Unauthenticated",
      "authorization server did not include a token in the response",
    );
  const expires = typeof record.expires_in === "number" ? Math.trunc(record.expires_in) : 0;
  return {
    token,
    refreshToken: typeof record.refresh_token === "string" ? record.refresh_token : "",
    lifetimeSeconds: Math.max(expires, TOKEN_LIFETIME_SECONDS_MIN),
  };
}
