/** One `WWW-Authenticate` challenge: its scheme (lower case) and parameters (keys lower case). */
export interface AuthChallenge {
  readonly scheme: string;
  readonly parameters: Readonly<Record<string, string>>;
}

/** Longer headers are not parsed (no registry sends one near this size). */
const HEADER_LENGTH_MAX = 8192;

/**
 * Parses `WWW-Authenticate: Bearer realm="…",service="…",scope="…",error="…"` or
 * `Basic realm="…"`: the first challenge, quoted or bare parameter values, backslash escapes.
 * Returns undefined for a missing or unreadable header.
 */
export function parseAuthChallenge(header: string | undefined): AuthChallenge | undefined {
  if (header === undefined || header.length > HEADER_LENGTH_MAX) return undefined;
  const match = /^\s*([A-Za-z][A-Za-z0-9._~+/-]*)\s*/.exec(header);
  if (match === null) return undefined;
  const parameters: Record<string, string> = {};
  let at = match[0].length;
  while (at < header.length) {
    const key = /^([A-Za-z0-9_-]+)\s*=\s*/.exec(header.slice(at));
    if (key === null) break;
    at += key[0].length;
    const value = readValue(header, at);
    parameters[key[1]!.toLowerCase()] = value.text;
    at = value.end;
    const separator = /^\s*,?\s*/.exec(header.slice(at));
    at += separator?.[0].length ?? 0;
  }
  return { scheme: match[1]!.toLowerCase(), parameters };
}

function readValue(header: string, start: number): { text: string; end: number } {
  if (header[start] !== '"') {
    const bare = /^[^\s,]*/.exec(header.slice(start))![0];
    return { text: bare, end: start + bare.length };
  }
  let text = "";
  let at = start + 1;
  while (at < header.length && header[at] !== '"') {
    if (header[at] === "\\" && at + 1 < header.length) at++;
    text += header[at];
    at++;
  }
  return { text, end: Math.min(header.length, at + 1) };
}
