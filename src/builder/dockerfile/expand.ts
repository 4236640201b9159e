import { DrydockError } from "../../errors/drydock-error.ts";
import type {
  AddInstruction,
  CopyFields,
  CopyInstruction,
  Instruction,
  InstructionKeyword,
  KeyValue,
  SourceContent,
} from "./instruction.ts";
import { DEFAULT_DOCKERFILE_LIMITS, type DockerfileLimits } from "./limits.ts";
import { type EnvLookup, type ExpansionDialect, shellLex } from "./shell-lexer.ts";

/** Options of the expansion functions. */
export interface ExpandOptions {
  /** The Dockerfile's escape character (`Dockerfile.escapeToken`). */
  readonly escapeToken: string;
  /** Which `${…}` forms exist; default `buildkit` (see `ExpansionDialect`). */
  readonly dialect?: ExpansionDialect;
  readonly limits?: Partial<
    Pick<DockerfileLimits, "expansionDepthMax" | "expansionOutputLengthMax">
  >;
}

/**
 * The instructions whose arguments Docker expands before running them. RUN, CMD, ENTRYPOINT,
 * SHELL, HEALTHCHECK, MAINTAINER and ONBUILD keep `$` as written (a shell may expand it later).
 * FROM is expanded with the meta ARGs only; the others with the stage's ENV and allowed ARGs.
 */
export const EXPANDING_KEYWORDS: ReadonlySet<InstructionKeyword> = new Set<InstructionKeyword>([
  "ADD",
  "ARG",
  "COPY",
  "ENV",
  "EXPOSE",
  "FROM",
  "LABEL",
  "STOPSIGNAL",
  "USER",
  "VOLUME",
  "WORKDIR",
]);

function lexOptions(options: ExpandOptions): Parameters<typeof shellLex>[2] {
  return {
    escapeToken: options.escapeToken,
    dialect: options.dialect ?? "buildkit",
    depthMax: options.limits?.expansionDepthMax ?? DEFAULT_DOCKERFILE_LIMITS.expansionDepthMax,
    outputLengthMax:
      options.limits?.expansionOutputLengthMax ??
      DEFAULT_DOCKERFILE_LIMITS.expansionOutputLengthMax,
  };
}

/**
 * Expands one word to one string (Docker's `ProcessWord`): variables replaced, quotes removed,
 * escapes applied, blanks kept. Unset variables expand to nothing. Throws `ExpansionError`.
 */
export function expandWord(word: string, env: EnvLookup, options: ExpandOptions): string {
  return shellLex(word, env, lexOptions(options)).value;
}

/**
 * Expands one word and splits the result into words (Docker's `ProcessWords`): blanks from the
 * text or from a variable's value separate words, unless quoted or escaped.
 */
export function expandWords(word: string, env: EnvLookup, options: ExpandOptions): string[] {
  return [...shellLex(word, env, lexOptions(options)).words];
}

/**
 * Expands a heredoc body (BuildKit): variables only; quotes are ordinary characters and `\` is
 * the escape whatever the escape directive says.
 */
export function expandHeredoc(data: string, env: EnvLookup, options: ExpandOptions): string {
  return shellLex(data, env, { ...lexOptions(options), escapeToken: "\\", skipProcessQuotes: true })
    .value;
}

/** An `EnvLookup` over `KEY=value` entries; a later entry wins, an entry without `=` is empty. */
export function envLookup(entries: readonly string[]): EnvLookup {
  const map = new Map<string, string>();
  for (const entry of entries) {
    const eq = entry.indexOf("=");
    map.set(eq < 0 ? entry : entry.slice(0, eq), eq < 0 ? "" : entry.slice(eq + 1));
  }
  return (name) => map.get(name);
}

function expandPairs(pairs: readonly KeyValue[], expand: (word: string) => string): KeyValue[] {
  return pairs.map((pair) => ({ key: expand(pair.key), value: expand(pair.value) }));
}

function expandCopyFields<T extends CopyFields>(
  instruction: T,
  context: { expand: (word: string) => string; env: EnvLookup; options: ExpandOptions },
): T {
  const { expand, env, options } = context;
  const contents: SourceContent[] = instruction.sourceContents.map((content) =>
    content.expand ? { ...content, data: expandHeredoc(content.data, env, options) } : content,
  );
  return {
    ...instruction,
    sources: instruction.sources.map(expand),
    destination: expand(instruction.destination),
    sourceContents: contents,
    ...(instruction.chown === undefined ? {} : { chown: expand(instruction.chown) }),
    // BuildKit expands --chmod too; Docker 20.10 refuses --chmod before it would matter.
    ...(instruction.chmod === undefined ? {} : { chmod: expand(instruction.chmod) }),
  };
}

/**
 * Expands an instruction's arguments as Docker does before running it (its `Expand` methods):
 * ENV/LABEL keys and values, ARG names and defaults, COPY/ADD sources, destination and
 * `--chown`, WORKDIR, USER, STOPSIGNAL, VOLUME word by word, EXPOSE word by word *with*
 * splitting (`EXPOSE $PORTS`), FROM's base name and `--platform`. Other instructions are
 * returned unchanged. `original` stays as written (it is what `Step N/M` prints).
 *
 * `env` is the stage's environment (see `BuildArgs.expansionEnv`), or the meta ARGs for FROM.
 */
export function expandInstruction<T extends Instruction>(
  instruction: T,
  env: EnvLookup,
  options: ExpandOptions,
): T {
  return expandAny(instruction, env, options) as T;
}

function expandAny(i: Instruction, env: EnvLookup, options: ExpandOptions): Instruction {
  const expand = (word: string): string => expandWord(word, env, options);
  switch (i.keyword) {
    case "ENV":
    case "LABEL":
      return { ...i, pairs: expandPairs(i.pairs, expand) };
    case "ARG":
      return {
        ...i,
        definitions: i.definitions.map((d) =>
          d.value === undefined
            ? { key: expand(d.key) }
            : { key: expand(d.key), value: expand(d.value) },
        ),
      };
    case "COPY":
      return expandCopyFields<CopyInstruction>(i, { expand, env, options });
    case "ADD": {
      const add = expandCopyFields<AddInstruction>(i, { expand, env, options });
      return add.checksum === undefined ? add : { ...add, checksum: expand(add.checksum) };
    }
    case "WORKDIR":
      return { ...i, path: expand(i.path) };
    case "USER":
      return { ...i, user: expand(i.user) };
    case "STOPSIGNAL":
      return { ...i, signal: expand(i.signal) };
    case "VOLUME":
      return { ...i, volumes: i.volumes.map(expand) };
    case "EXPOSE":
      return { ...i, ports: i.ports.flatMap((port) => expandWords(port, env, options)) };
    case "FROM":
      return expandFrom(i, expand);
    default:
      return i;
  }
}

function expandFrom(
  from: Extract<Instruction, { keyword: "FROM" }>,
  expand: (word: string) => string,
): Extract<Instruction, { keyword: "FROM" }> {
  const baseName = expand(from.baseName);
  if (baseName === "") {
    throw new DrydockError("InvalidArgument", `base name (${from.baseName}) should not be blank`, {
      data: { baseName: from.baseName },
    });
  }
  return {
    ...from,
    baseName,
    ...(from.platform === undefined ? {} : { platform: expand(from.platform) }),
  };
}
