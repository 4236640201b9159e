const HEX64 = /^(?:sha256:)?([0-9a-f]{64})$/;

/** What an ID names, which its placeholder's letter says: `<I1>` image, `<C2>` container… */
export type PlaceholderKind = "I" | "C" | "L" | "D" | "X";

/** Distinct IDs one table names at most; past that every new ID is `<?>`, still comparable in count. */
export const PLACEHOLDER_COUNT_MAX = 100_000;

/**
 * One placeholder table per side of a comparison: IDs become `<I1>` (images), `<C1>`
 * (containers), `<L1>` (layers), `<D1>` (digests) or `<X1>` (an ID seen with no context),
 * numbered in order of first appearance, so that the same ID again (a cache hit) gets the same
 * name and stays visible while the random or content-derived hex itself is gone. An ID is known
 * by its first 12 hex digits, so a short and a full spelling get the same name.
 */
export class Placeholders {
  readonly #names = new Map<string, string>();
  readonly #counts: Record<PlaceholderKind, number> = { I: 0, C: 0, L: 0, D: 0, X: 0 };

  /** The placeholder of an image ID (full, `sha256:`-prefixed or 12 hex digits). */
  image(id: string): string {
    return this.name("I", id);
  }

  /** The placeholder of a container ID. */
  container(id: string): string {
    return this.name("C", id);
  }

  /** The placeholder of an ID seen before (full or short), else undefined. */
  known(id: string): string | undefined {
    return this.#names.get(shortHex(id));
  }

  /** The placeholder of an ID of this kind; an ID named before keeps its first name. */
  name(kind: PlaceholderKind, id: string): string {
    if (id === "") return "";
    const short = shortHex(id);
    const known = this.#names.get(short);
    if (known !== undefined) return known;
    if (this.#names.size >= PLACEHOLDER_COUNT_MAX) return "<?>";
    this.#counts[kind] += 1;
    const name = `<${kind}${this.#counts[kind]}>`;
    this.#names.set(short, name);
    return name;
  }
}

function shortHex(id: string): string {
  return (HEX64.exec(id)?.[1] ?? id).slice(0, 12);
}
