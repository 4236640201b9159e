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

/** Compares dotted versions numerically (`1.9` < `1.41`), as moby's `versions.Compare` does. */
export function compareApiVersions(a: string, b: string): number {
  const left = a.split(".");
  const right = b.split(".");
  for (let index = 0; index < Math.max(left.length, right.length); index++) {
    const x = Number.parseInt(left[index] ?? "0", 10) || 0;
    const y = Number.parseInt(right[index] ?? "0", 10) || 0;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
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
