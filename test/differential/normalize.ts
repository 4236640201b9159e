/**
 * Normalisation shared by the recorder (real Docker) and the replay (drydock): IDs become
 * placeholders numbered in order of first appearance (`<I1>` images, `<C1>` containers), so
 * that a cache hit (the same ID again) stays visible; times become `<time>`; what only the real
 * host prints (context size, the legacy-builder banner, overlay paths, DNS server) goes.
 */

const HEX64 = /^(?:sha256:)?([0-9a-f]{64})$/;

/** One placeholder table per case: the same ID gets the same name in every step. */
export class Placeholders {
  readonly #names = new Map<string, string>();
  readonly #counts = { I: 0, C: 0 };

  /** The placeholder of an image ID (full, `sha256:`-prefixed or 12 hex digits). */
  image(id: string): string {
    return this.#name("I", id);
  }

  container(id: string): string {
    return this.#name("C", id);
  }

  #name(kind: "I" | "C", id: string): string {
    if (id === "") return "";
    const hex = HEX64.exec(id)?.[1] ?? id;
    const short = hex.slice(0, 12);
    const known = this.#names.get(short);
    if (known !== undefined) return known;
    this.#counts[kind] += 1;
    const name = `<${kind}${this.#counts[kind]}>`;
    this.#names.set(short, name);
    return name;
  }
}

const BANNER =
  /^(DEPRECATED: The legacy builder is deprecated|\s{12}\S|Sending build context to Docker daemon)/;

/** The lines a CLI command printed, normalised. */
export function normalizeLines(text: string, ids: Placeholders): string[] {
  const lines = text
    .replace(/\r\n/g, "\n")
    .replace(/\u001b\[\d+m/g, "")
    .split("\n");
  if (lines.at(-1) === "") lines.pop();
  const kept = lines.filter((line) => !BANNER.test(line));
  // The CLI follows its banner with an empty line.
  while (kept[0] === "") kept.shift();
  return kept.map((line) => normalizeLine(line, ids));
}

function normalizeLine(line: string, ids: Placeholders): string {
  return line
    .replace(/^( ---> )([0-9a-f]{12})$/, (_all, arrow: string, id: string) => arrow + ids.image(id))
    .replace(
      /^(Successfully built )([0-9a-f]{12})$/,
      (_all, text: string, id: string) => text + ids.image(id),
    )
    .replace(
      /^( ---> Running in )([0-9a-f]{12})$/,
      (_all, text: string, id: string) => text + ids.container(id),
    )
    .replace(
      /^(Removing intermediate container )([0-9a-f]{12})$/,
      (_all, text: string, id: string) => text + ids.container(id),
    )
    .replace(/\/[^ ]*\/overlay2\/[0-9a-f]+\/merged/g, "")
    .replace(/ on [0-9.]+:53: no such host/g, ": no such host")
    .replace(/^sha256:[0-9a-f]{64}$/, (id) => ids.image(id));
}

/** A container config (API JSON) with its IDs replaced. */
export function normalizeConfig(config: unknown, ids: Placeholders): unknown {
  if (config === null || typeof config !== "object") return config;
  const copy = { ...(config as Record<string, unknown>) };
  if (typeof copy.Image === "string") copy.Image = ids.image(copy.Image);
  if (typeof copy.Hostname === "string" && /^[0-9a-f]{12}$/.test(copy.Hostname)) {
    copy.Hostname = ids.container(copy.Hostname);
  }
  return copy;
}
