/** The recordings in test/fixtures/push-pull/ and the normalisation that compares with them. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { JsonMessage } from "../../../../src/engine/json-message.ts";
import type { Exchange } from "./fake-registry.ts";

/** One request of a recorded conversation, normalised (see the fixture README). */
export interface RecordedRequest {
  readonly server?: "registry" | "token";
  readonly method: string;
  readonly target: string;
  readonly status: number;
  readonly auth?: string;
  readonly accept?: readonly string[];
  readonly challenge?: string;
}

function fixture<T>(name: string): T {
  const file = fileURLToPath(new URL(`../../../fixtures/push-pull/${name}`, import.meta.url));
  return JSON.parse(readFileSync(file, "utf8")) as T;
}

const sequences = fixture<{
  sequences: Record<string, RecordedRequest[] | { command: string; requests: RecordedRequest[] }>;
}>("recorded-registry.json").sequences;
const recordedStreams = fixture<{
  streams: Record<string, JsonMessage[]>;
  images: Record<
    string,
    { diffIds?: string[]; layers: string[]; config: string; manifest: string }
  >;
}>("recorded-streams.json");
const streams = recordedStreams.streams;

/** The digests of a recorded image (`mini`, `tiny`): layers bottom first, config, manifest. */
export function recordedImage(name: string): {
  diffIds?: string[];
  layers: string[];
  config: string;
  manifest: string;
} {
  const found = recordedStreams.images[name];
  if (found === undefined) throw new Error(`no recorded image ${name}`);
  return found;
}
const errors = fixture<{ cases: { case: string; status: number | null; message: string }[] }>(
  "recorded-errors.json",
).cases;

/** A recorded request sequence by name (`push-first`, `token-login`, …). */
export function recordedSequence(name: string): RecordedRequest[] {
  const found = sequences[name];
  if (found === undefined) throw new Error(`no recorded sequence ${name}`);
  return Array.isArray(found) ? found : found.requests;
}

/** A recorded JSON message stream by name (`push-first`, `pull`, …). */
export function recordedStream(name: string): JsonMessage[] {
  const found = streams[name];
  if (found === undefined) throw new Error(`no recorded stream ${name}`);
  return found;
}

/** Every recorded stream, for checks that hold for all of them. */
export function allRecordedStreams(): Record<string, JsonMessage[]> {
  return streams;
}

/** A recorded error message. */
export function recordedError(name: string): { status: number | null; message: string } {
  const found = errors.find((item) => item.case === name);
  if (found === undefined) throw new Error(`no recorded error ${name}`);
  return found;
}

/** Names for digests: `L0`… (layers, bottom first), `C` (config), `M` (manifest). */
export function digestRoles(options: {
  layers: readonly string[];
  config: string;
  manifest?: string;
}): Map<string, string> {
  const roles = new Map<string, string>();
  for (const [index, digest] of options.layers.entries())
    roles.set(digest.replace("sha256:", ""), `L${index}`);
  roles.set(options.config.replace("sha256:", ""), "C");
  if (options.manifest !== undefined) roles.set(options.manifest.replace("sha256:", ""), "M");
  return roles;
}

/** Our exchanges in the recording's normal form. */
export function normalizeExchanges(
  exchanges: readonly Exchange[],
  roles: ReadonlyMap<string, string>,
  options: { withAuth?: boolean; withAccept?: boolean } = {},
): RecordedRequest[] {
  return exchanges.map((exchange) => {
    const request = exchange.request;
    const target =
      exchange.server === "token"
        ? request.target
            .replace(/^\/token/, "{realm}")
            .replaceAll("fake-registry", "drydock-registry")
        : normalizeTarget(request.target, roles);
    const accept = request.headers.accept?.split(", ");
    return {
      ...(options.withAuth ? { server: exchange.server } : {}),
      method: request.method,
      target,
      status: exchange.status,
      ...(options.withAuth ? { auth: (request.headers.authorization ?? "").split(" ")[0] } : {}),
      ...(options.withAccept && accept !== undefined ? { accept } : {}),
    };
  });
}

/** Drops what the recording does not keep from a recorded request. */
export function strip(
  requests: readonly RecordedRequest[],
  options: { withAuth?: boolean; withAccept?: boolean } = {},
): RecordedRequest[] {
  return requests.map((request) => ({
    ...(options.withAuth ? { server: request.server ?? "registry" } : {}),
    method: request.method,
    target: request.target,
    status: request.status,
    ...(options.withAuth ? { auth: request.auth ?? "" } : {}),
    ...(options.withAccept && request.accept !== undefined ? { accept: request.accept } : {}),
  }));
}

function normalizeTarget(target: string, roles: ReadonlyMap<string, string>): string {
  return target
    .replace(/_state=[^&]*&?/, "")
    .replace(/\?$/, "")
    .replace(/\/uploads\/upload-\d+/, "/uploads/{upload}")
    .replace(/(sha256:|sha256%3A)([0-9a-f]{64})/g, (_whole, _prefix, hex: string) => {
      const role = roles.get(hex);
      return `{${role ?? `?${hex.slice(0, 12)}`}}`;
    });
}

/** A stable sort key, for comparing sequences whose order concurrency may change. */
export function requestKey(request: RecordedRequest): string {
  return `${request.method} ${request.target} ${request.status}`;
}
