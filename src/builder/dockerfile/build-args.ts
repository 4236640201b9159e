import type { EnvLookup } from "./shell-lexer.ts";

/**
 * The predefined proxy ARGs: usable without an ARG line when given with `--build-arg`, and left
 * out of the image history and the RUN cache key unless the Dockerfile declares them.
 */
export const BUILTIN_BUILD_ARGS: readonly string[] = [
  "FTP_PROXY",
  "HTTPS_PROXY",
  "HTTP_PROXY",
  "NO_PROXY",
  "ftp_proxy",
  "https_proxy",
  "http_proxy",
  "no_proxy",
];

const BUILTIN = new Set(BUILTIN_BUILD_ARGS);

/** `--build-arg` values; `null` is `--build-arg NAME` with NAME unset on the client. */
export type BuildArgOptions = Readonly<Record<string, string | null>>;

function sortedEntries(map: ReadonlyMap<string, string>): Map<string, string> {
  return new Map([...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Docker 20.10's ARG bookkeeping (`builder/dockerfile/buildargs.go`), as data the executor drives:
 *
 * - meta ARGs (before the first FROM) are visible to FROM lines only; a stage sees one after
 *   redeclaring it (`ARG NAME`), with the meta value as its default;
 * - each stage starts with no allowed ARGs (`forStage()`), and `ARG` allows one;
 * - a `--build-arg` value overrides any default; an undeclared `--build-arg` is invisible, except
 *   the builtin proxy ARGs, which are always visible;
 * - ENV wins over an ARG of the same name (`filterAllowed`);
 * - unused `--build-arg`s (not builtins) are reported at the end (`unusedWarning`).
 *
 * Listings are sorted (Docker iterates Go maps, in random order).
 */
export class BuildArgs {
  readonly #options: BuildArgOptions;
  readonly #allowed = new Map<string, string | undefined>();
  readonly #meta = new Map<string, string | undefined>();
  readonly #referenced = new Set<string>();

  constructor(options: BuildArgOptions = {}) {
    this.#options = options;
  }

  /** A copy for a new stage: meta ARGs and the referenced set kept, allowed ARGs cleared. */
  forStage(): BuildArgs {
    const copy = new BuildArgs(this.#options);
    for (const [key, value] of this.#meta) copy.#meta.set(key, value);
    for (const key of this.#referenced) copy.#referenced.add(key);
    return copy;
  }

  /** Records a meta ARG (already expanded); Docker also allows it for the rest of the meta block. */
  addMetaArg(key: string, value: string | undefined): void {
    this.#meta.set(key, value);
    this.addArg(key, value);
  }

  /** Records an ARG inside a stage (already expanded). */
  addArg(key: string, value: string | undefined): void {
    this.#allowed.set(key, value);
    this.#referenced.add(key);
  }

  /** Adds the names another stage referenced (Docker merges them after each stage). */
  mergeReferenced(other: BuildArgs): void {
    for (const key of other.#referenced) this.#referenced.add(key);
  }

  #value(key: string, source: ReadonlyMap<string, string | undefined>): string | undefined {
    const override = this.#options[key];
    if (override !== undefined && override !== null) return override;
    const declared = source.get(key);
    if (declared === undefined) return this.#meta.get(key);
    return declared;
  }

  #resolve(source: ReadonlyMap<string, string | undefined>): Map<string, string> {
    const out = new Map<string, string>();
    for (const key of new Set([...source.keys(), ...BUILTIN_BUILD_ARGS])) {
      if (!source.has(key) && !BUILTIN.has(key)) continue;
      const value = this.#value(key, source);
      if (value !== undefined) out.set(key, value);
    }
    return sortedEntries(out);
  }

  /** ARGs usable in the current stage, with their values, sorted by name. */
  allowed(): Map<string, string> {
    return this.#resolve(this.#allowed);
  }

  /** ARGs usable in FROM lines, with their values, sorted by name. */
  meta(): Map<string, string> {
    return this.#resolve(this.#meta);
  }

  /** `KEY=value` for each allowed ARG that no ENV entry names (ENV wins), sorted. */
  filterAllowed(env: readonly string[]): string[] {
    const envKeys = new Set(env.map((entry) => entry.split("=", 1)[0] ?? ""));
    return [...this.allowed()]
      .filter(([key]) => !envKeys.has(key))
      .map(([key, value]) => `${key}=${value}`);
  }

  /** The environment Docker expands a stage's instructions with: ENV, then the allowed ARGs. */
  expansionEnv(env: readonly string[]): EnvLookup {
    const map = new Map<string, string>();
    for (const entry of [...env, ...this.filterAllowed(env)]) {
      const eq = entry.indexOf("=");
      map.set(eq < 0 ? entry : entry.slice(0, eq), eq < 0 ? "" : entry.slice(eq + 1));
    }
    return (name) => map.get(name);
  }

  /** The environment FROM lines are expanded with: the meta ARGs. */
  metaEnv(): EnvLookup {
    const meta = this.meta();
    return (name) => meta.get(name);
  }

  /** False for a builtin proxy ARG the Dockerfile never declared (it stays out of history). */
  isReferencedOrNotBuiltin(key: string): boolean {
    return this.#allowed.has(key) || !BUILTIN.has(key);
  }

  /**
   * What Docker prepends to a RUN command for its cache key and history when ARGs are in play
   * (`prependEnvOnCmd`): `|N` then the `KEY=value` pairs, undeclared proxy ARGs left out; empty
   * when no ARG reaches the command at all.
   */
  runCommandPrefix(env: readonly string[]): string[] {
    const allowed = this.filterAllowed(env);
    if (allowed.length === 0) return [];
    const pairs = allowed.filter((pair) =>
      this.isReferencedOrNotBuiltin(pair.split("=", 1)[0] ?? ""),
    );
    return [`|${pairs.length}`, ...pairs];
  }

  /**
   * Docker's end-of-build warning for `--build-arg`s no ARG consumed (builtins excepted), e.g.
   * `[Warning] One or more build-args [A B] were not consumed`; undefined when there are none.
   */
  unusedWarning(): string | undefined {
    const unused = Object.keys(this.#options)
      .filter((key) => !this.#referenced.has(key) && !BUILTIN.has(key))
      .sort();
    if (unused.length === 0) return undefined;
    return `[Warning] One or more build-args [${unused.join(" ")}] were not consumed`;
  }
}
