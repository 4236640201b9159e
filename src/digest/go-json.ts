/**
 * JSON as Go's `encoding/json` writes it, so drydock's configs, manifests and API bodies can be
 * byte-identical to Docker's: members keep the order the object was built in (build objects in Go
 * struct order), and `<`, `>`, `&`, U+2028 and U+2029 are escaped as `\u003c` and friends.
 *
 * `indent` reproduces `json.MarshalIndent(v, "", indent)`; Docker's pushed manifests use three
 * spaces. Empty objects and arrays come out as `{}` and `[]` in both encoders.
 */
export function goJson(value: unknown, indent = ""): string {
  const text = indent === "" ? JSON.stringify(value) : JSON.stringify(value, null, indent);
  return escapeGoHtml(text);
}

/** Applies Go's HTML-safe escaping to already serialised JSON. */
export function escapeGoHtml(json: string): string {
  return json.replace(/[<>&\u2028\u2029]/g, (char) => {
    return `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
}

/** A Go encoder's line: the JSON followed by `\n`, as `json.NewEncoder(w).Encode(v)` writes it. */
export function goJsonLine(value: unknown): string {
  return `${goJson(value)}\n`;
}
