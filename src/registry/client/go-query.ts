/**
 * Go's `url.QueryEscape`: letters, digits and `-_.~` stay, a space becomes `+`, every other
 * byte of the UTF-8 encoding becomes `%XX` (upper case), so `sha256:ab` → `sha256%3Aab`.
 */
export function goQueryEscape(text: string): string {
  let out = "";
  for (const byte of new TextEncoder().encode(text)) {
    const char = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.~]/.test(char)) out += char;
    else if (byte === 0x20) out += "+";
    else out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/** Go's `url.Values.Encode`: keys sorted, each key's values in order, `k=v` joined by `&`. */
export function goEncodeQuery(values: ReadonlyMap<string, readonly string[]>): string {
  return [...values.keys()]
    .sort()
    .flatMap((key) =>
      (values.get(key) ?? []).map((value) => `${goQueryEscape(key)}=${goQueryEscape(value)}`),
    )
    .join("&");
}
