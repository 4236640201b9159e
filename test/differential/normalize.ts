/**
 * Normalisation shared by the recorder (real Docker) and the replay (drydock): IDs become
 * placeholders numbered in order of first appearance (`<I1>` images, `<C1>` containers), so
 * that a cache hit (the same ID again) stays visible; times become `<time>`; what only the real
 * host prints (context size, the legacy-builder banner, overlay paths, DNS server) goes.
 */

import { readTar } from "../../src/archive/tar-reader.ts";

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

  /** The placeholder of an ID seen before (full or short), else undefined. */
  known(id: string): string | undefined {
    return this.#names.get(id.slice(0, 12));
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
  return (
    line
      .replace(
        /^( ---> )([0-9a-f]{12})$/,
        (_all, arrow: string, id: string) => arrow + ids.image(id),
      )
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
      .replace(/^((?:Deleted: )?sha256:)([0-9a-f]{64})$/, (_all, text: string, id: string) =>
        text.startsWith("Deleted") ? `Deleted: ${ids.image(id)}` : ids.image(id),
      )
      // `docker run -d` and `docker create` print the new container's full ID.
      .replace(/^[0-9a-f]{64}$/, (id) => ids.container(id))
      // IDs inside messages (`container 4366295bfc7b is using its referenced image …`): only
      // those the case has already named, so a stray hex word stays visible.
      .replace(/\b[0-9a-f]{64}\b|\b[0-9a-f]{12}\b/g, (id) => ids.known(id) ?? id)
  );
}

/**
 * An archive `docker cp … -` wrote, as lines: each entry's type, mode, owner, size and name, then
 * a file's text. Its times are the moments the container wrote the files, so they go.
 */
export function normalizeTar(bytes: Uint8Array): string[] {
  const decoder = new TextDecoder();
  return readTar(bytes).flatMap((entry) => {
    const name = entry.type === "symlink" ? `${entry.path} -> ${entry.linkTarget}` : entry.path;
    const head = [
      entry.type,
      entry.mode.toString(8).padStart(4, "0"),
      `${entry.uid}:${entry.gid}`,
      `${entry.uname}/${entry.gname}`,
      String(entry.data.length),
      name,
    ].join(" ");
    if (entry.type !== "file") return [head];
    return [head, ...normalizeLines(decoder.decode(entry.data), new Placeholders())];
  });
}

/**
 * A history entry's `created_by`. The base image's first step copies the busybox binary, and
 * drydock's offline busybox carries a stand-in for Debian's binary: its `file:` hash differs
 * by design, so it becomes `<busybox>`. Every other hash is kept.
 */
export function normalizeCreatedBy(createdBy: string): string {
  return createdBy.replace(
    /^(\/bin\/sh -c #\(nop\) COPY file:)[0-9a-f]{64}( in \/bin\/busybox )$/,
    "$1<busybox>$2",
  );
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
