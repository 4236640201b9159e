import { base64Decode, base64Encode } from "../client/base64.ts";
import { hmacSha256 } from "./hmac-sha256.ts";

/** One grant of a token: a resource and the actions allowed on it. */
export interface TokenAccess {
  readonly type: string;
  readonly name: string;
  readonly actions: readonly string[];
}

/** A token's claims, as distribution's JWT tokens carry them (times in Unix seconds). */
export interface TokenClaims {
  readonly iss: string;
  /** The user name; "" for anonymous tokens. */
  readonly sub: string;
  readonly aud: string;
  readonly exp: number;
  readonly nbf: number;
  readonly iat: number;
  readonly jti: string;
  readonly access: readonly TokenAccess[];
}

/** Checks tokens for a registry: the realm and service of its challenges, and verification. */
export interface TokenVerifier {
  /** `https://auth.docker.io/token`. */
  readonly realm: string;
  /** `registry.docker.io`. */
  readonly service: string;
  /** The claims of a genuine, unexpired token for this service; undefined otherwise. */
  verify(token: string, nowUs: number): TokenClaims | undefined;
}

const encoder = new TextEncoder();
const TOKEN_LENGTH_MAX = 64 * 1024;

function base64Url(bytes: Uint8Array): string {
  return base64Encode(bytes).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** A JWT (`HS256`) of the claims, signed with `secret`. */
export function signToken(secret: Uint8Array, claims: TokenClaims): string {
  const header = base64Url(encoder.encode(JSON.stringify({ typ: "JWT", alg: "HS256" })));
  const payload = base64Url(encoder.encode(JSON.stringify(claims)));
  const signature = base64Url(hmacSha256(secret, encoder.encode(`${header}.${payload}`)));
  return `${header}.${payload}.${signature}`;
}

/** The claims of a token signed with `secret`; undefined for anything else. */
export function readToken(secret: Uint8Array, token: string): TokenClaims | undefined {
  if (token.length > TOKEN_LENGTH_MAX) return undefined;
  const parts = token.split(".");
  if (parts.length !== 3) return undefined;
  const [header, payload, signature] = parts as [string, string, string];
  if (base64Url(hmacSha256(secret, encoder.encode(`${header}.${payload}`))) !== signature)
    return undefined;
  const bytes = base64Decode(payload);
  if (bytes === undefined) return undefined;
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as TokenClaims;
  } catch {
    return undefined;
  }
}
