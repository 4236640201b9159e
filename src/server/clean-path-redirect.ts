/**
 * gorilla/mux's path cleaning, which both dockerd and docker-registry route through: a request
 * whose decoded path has `.`/`..` segments or doubled slashes is not routed but redirected (301)
 * to the cleaned path, query kept. So `/images/..%2f..%2fetc/json` never reaches a handler as a
 * name; it is sent to `/etc/json`.
 */
export function cleanPathRedirect(target: string): string | undefined {
  const question = target.indexOf("?");
  const rawPath = question < 0 ? target : target.slice(0, question);
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return undefined; // Not a path Go would have parsed either; the router answers it.
  }
  const cleaned = cleanPath(path);
  if (cleaned === path) return undefined;
  return escapePath(cleaned) + (question < 0 ? "" : target.slice(question));
}

/** Go's `path.Clean` on a rooted path, keeping a trailing slash as mux does. */
function cleanPath(path: string): string {
  const rooted = path.startsWith("/") ? path : `/${path}`;
  const segments: string[] = [];
  for (const segment of rooted.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") segments.pop();
    else segments.push(segment);
  }
  const cleaned = `/${segments.join("/")}`;
  return rooted.endsWith("/") && cleaned !== "/" ? `${cleaned}/` : cleaned;
}

const PATH_SAFE = /^[A-Za-z0-9\-_.~$&+,/:;=@]$/;
const ENCODER = new TextEncoder();

/** Go's `url.URL.EscapedPath` for a path without a valid raw form: UTF-8 bytes as `%XX`. */
function escapePath(path: string): string {
  let escaped = "";
  for (const char of path) {
    if (PATH_SAFE.test(char)) {
      escaped += char;
      continue;
    }
    for (const byte of ENCODER.encode(char)) {
      escaped += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
    }
  }
  return escaped;
}
