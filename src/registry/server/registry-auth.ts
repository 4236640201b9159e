import type { RegistryRequest, RegistryResponse } from "../registry-http.ts";
import { errorReply } from "./registry-reply.ts";
import type { RegistryRoute } from "./registry-route.ts";
import type { TokenClaims, TokenVerifier } from "./registry-token.ts";

/** One access a request needs (distribution's `auth.Access`; JSON field names are Go's). */
export interface AccessRecord {
  readonly Type: string;
  readonly Class: string;
  readonly Name: string;
  readonly Action: string;
}

function record(type: string, name: string, action: string): AccessRecord {
  return { Type: type, Class: "", Name: name, Action: action };
}

/**
 * What a request needs, as 2.8.2's `appendAccessRecords`: pull to read, pull and push to
 * write, delete to delete, pull on `from` to mount, `registry:catalog:*` for the catalog.
 */
export function requiredAccess(
  route: RegistryRoute,
  method: RegistryRequest["method"],
  query: URLSearchParams,
): AccessRecord[] {
  if (route.kind === "base") return [];
  if (route.kind === "catalog") return [record("registry", "catalog", "*")];
  const name = route.name;
  if (method === "GET" || method === "HEAD") return [record("repository", name, "pull")];
  if (method === "DELETE") return [record("repository", name, "delete")];
  const records = [record("repository", name, "pull"), record("repository", name, "push")];
  const from = query.get("from");
  if (route.kind === "uploads" && query.get("mount") !== null && from !== null)
    records.push(record("repository", from, "pull"));
  return records;
}

/** `scope="repository:a:pull,push repository:b:pull"`: actions grouped by resource, in order. */
function scopeOf(records: readonly AccessRecord[]): string {
  const groups = new Map<string, string[]>();
  for (const entry of records) {
    const key = `${entry.Type}:${entry.Name}`;
    const actions = groups.get(key) ?? [];
    if (!actions.includes(entry.Action)) actions.push(entry.Action);
    groups.set(key, actions);
  }
  return [...groups].map(([key, actions]) => `${key}:${actions.join(",")}`).join(" ");
}

function allows(claims: TokenClaims, wanted: AccessRecord): boolean {
  return claims.access.some(
    (grant) =>
      grant.type === wanted.Type &&
      grant.name === wanted.Name &&
      (grant.actions.includes(wanted.Action) || grant.actions.includes("*")),
  );
}

/**
 * 2.8.2's token access controller: no bearer token, a bad or expired one, or one without every
 * needed access gets 401 with `WWW-Authenticate: Bearer realm=…,service=…[,scope=…][,error=…]`
 * and `UNAUTHORIZED` whose detail lists the needed accesses (`null` for `/v2/`). Returns
 * undefined when the request may proceed, with the token's claims.
 */
export function authorize(options: {
  verifier: TokenVerifier;
  request: RegistryRequest;
  records: readonly AccessRecord[];
  nowUs: number;
}): { refused: RegistryResponse } | { claims: TokenClaims } {
  const { verifier, request, records } = options;
  const header = request.headers.authorization ?? "";
  const token = header.startsWith("Bearer ") ? header.slice(7).trim() : undefined;
  const claims = token === undefined ? undefined : verifier.verify(token, options.nowUs);
  const missing =
    claims === undefined ? records : records.filter((entry) => !allows(claims, entry));
  if (claims !== undefined && missing.length === 0) return { claims };
  const error =
    token === undefined ? "" : claims === undefined ? "invalid_token" : "insufficient_scope";
  const challenge =
    `Bearer realm=${quote(verifier.realm)},service=${quote(verifier.service)}` +
    (records.length === 0 ? "" : `,scope=${quote(scopeOf(records))}`) +
    (error === "" ? "" : `,error="${error}"`);
  const refused = errorReply(
    request,
    [{ code: "UNAUTHORIZED", detail: records.length === 0 ? null : records }],
    {
      headers: { "www-authenticate": challenge },
    },
  );
  return { refused };
}

function quote(text: string): string {
  return `"${text.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;
}
