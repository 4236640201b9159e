/**
 * One request sequence over the whole distribution API (uploads, ranges, mounts, manifests,
 * negotiation, listings, deletes, errors), run against any registry through `send`, and the
 * normalisation that makes two registries' answers comparable: upload UUIDs numbered in order
 * of appearance, `_state` values and hosts elided, `Date`/`Connection` dropped, tag lists sorted
 * (2.8.2 lists them in its filesystem's directory order). The recorded answers of
 * docker-registry 2.8.2 are in test/fixtures/registry-server/.
 */
import { STEPS } from "./registry-sequence-steps.ts";

export interface SequenceRequest {
  readonly method: "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE";
  readonly target: string;
  readonly headers: Record<string, string>;
  readonly body?: Uint8Array;
}

export interface SequenceResponse {
  readonly status: number;
  /** Lower-case names. */
  readonly headers: Record<string, string>;
  readonly body: Uint8Array;
}

/** One exchange in normal form. */
export interface NormalExchange {
  readonly step: string;
  readonly request: string;
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

const decoder = new TextDecoder();

/** Headers no comparison looks at: transport details, times. */
const DROPPED_HEADERS = new Set(["date", "connection", "keep-alive", "transfer-encoding"]);

/** Runs the sequence against a registry; `send` gets targets with `accept: *\/*` unless a step sets one. */
export async function runSequence(
  send: (request: SequenceRequest) => Promise<SequenceResponse>,
): Promise<NormalExchange[]> {
  const locations = new Map<string, string>();
  const uuids = new Map<string, string>();
  const at = (step: string): string => {
    const location = locations.get(step);
    if (location === undefined) throw new Error(`step ${step} gave no Location`);
    return location;
  };
  const normal = (text: string): string =>
    text
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (uuid) => {
        if (!uuids.has(uuid)) uuids.set(uuid, `{uuid${uuids.size + 1}}`);
        return uuids.get(uuid)!;
      })
      .replace(/_state=[^&\s>]*/g, "_state={state}")
      .replace(/^https?:\/\/[^/]+/, "{host}");
  const out: NormalExchange[] = [];
  for (const [name, build] of STEPS) {
    const built = build(at);
    const request: SequenceRequest = { ...built, headers: { accept: "*/*", ...built.headers } };
    const response = await send(request);
    const location = response.headers.location;
    if (location !== undefined) {
      const url = new URL(location, "http://registry");
      locations.set(name, `${url.pathname}${url.search}`);
    }
    const headers: Record<string, string> = {};
    for (const key of Object.keys(response.headers).sort()) {
      if (!DROPPED_HEADERS.has(key)) headers[key] = normal(response.headers[key]!);
    }
    let body = decoder.decode(response.body);
    if (name.startsWith("tags") && response.status === 200) body = sortTags(body);
    out.push({
      step: name,
      request: `${request.method} ${normal(request.target)}`,
      status: response.status,
      headers,
      body: normal(body),
    });
  }
  return out;
}

function sortTags(body: string): string {
  const value = JSON.parse(body) as { name: string; tags: string[] | null };
  return `${JSON.stringify({ name: value.name, tags: value.tags === null ? null : [...value.tags].sort() })}\n`;
}

/** Sends a sequence request to a live registry over HTTP. */
export function httpSender(
  baseUrl: string,
): (request: SequenceRequest) => Promise<SequenceResponse> {
  return async (request) => {
    const response = await fetch(`${baseUrl}${request.target}`, {
      method: request.method,
      headers: request.headers,
      ...(request.body === undefined ? {} : { body: new Blob([request.body.slice()]) }),
      redirect: "manual",
    });
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      headers[key] = value;
    });
    return { status: response.status, headers, body: new Uint8Array(await response.arrayBuffer()) };
  };
}
