import { compareApiVersions } from "../engine/api-version-order.ts";
import type { ApiResponse } from "./api-exchange.ts";
import { daemonHeaders, type ServerIdentity } from "./api-reply.ts";

/** A request path split into its API version prefix (if any) and the route path. */
export interface VersionedPath {
  /** `1.41` from `/v1.41/…`; undefined for an unversioned path (dockerd's current version). */
  readonly version: string | undefined;
  readonly path: string;
}

const PREFIX = /^\/v([0-9.]+)(\/.*)$/;

/** Splits `/v1.41/containers/json` into `1.41` and `/containers/json`, as dockerd's router does. */
export function splitVersion(path: string): VersionedPath {
  const match = PREFIX.exec(path);
  if (match === null) return { version: undefined, path };
  return { version: match[1]!, path: match[2]! };
}

const ENCODER = new TextEncoder();

/**
 * dockerd's answer to a version it does not serve, or undefined when it serves it. A too-new
 * version gets a JSON error; a too-old one a plain-text error (20.10 writes it with `http.Error`).
 */
export function versionRejection(
  identity: ServerIdentity,
  version: string | undefined,
): ApiResponse | undefined {
  if (version === undefined) return undefined;
  const headers = daemonHeaders(identity).filter(([name]) => name !== "Docker-Experimental");
  if (compareApiVersions(version, identity.minApiVersion) < 0) {
    const message = `client version ${version} is too old. Minimum supported API version is ${identity.minApiVersion}, please upgrade your client to a newer version`;
    return {
      kind: "bytes",
      status: 400,
      headers: [
        ...headers,
        ["Content-Type", "text/plain; charset=utf-8"],
        ["X-Content-Type-Options", "nosniff"],
      ],
      body: ENCODER.encode(`${message}\n`),
    };
  }
  if (compareApiVersions(version, identity.apiVersion) > 0) {
    const message = `client version ${version} is too new. Maximum supported API version is ${identity.apiVersion}`;
    return {
      kind: "bytes",
      status: 400,
      headers: [...headers, ["Content-Type", "application/json"]],
      body: ENCODER.encode(`${JSON.stringify({ message })}\n`),
    };
  }
  return undefined;
}
