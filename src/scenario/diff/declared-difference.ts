/**
 * A difference a scenario says the simulator shows on purpose (its `differences:` list): where
 * (`step`, 1-based; `host`), what (a kind or a selector such as `image.config.Env`), optionally
 * which text (`match`: a substring, or `/regex/flags`), and why (`reason`).
 */
export interface DeclaredDifference {
  readonly step?: number;
  readonly host?: string;
  readonly what: string;
  readonly match?: string;
  readonly reason: string;
}

/** The kinds a declaration's `what` may name; see `WHAT_SELECTOR` for finer selectors. */
export const DIFFERENCE_KINDS: readonly string[] = [
  "stdout",
  "stderr",
  "exit",
  "cache",
  "push",
  "pull",
  "retries",
  "image",
  "files",
  "container",
  "duration",
];

/**
 * A finer selector: `image.` or `container.` and a path into what is compared (`image.config.Env`,
 * `image.history[3].created_by`, `image.history`, `image.layers`, `image.files`,
 * `container.state.ExitCode`). A selector names a finding's path and everything below it.
 */
export const WHAT_SELECTOR: RegExp =
  /^(?:image|container)\.[A-Za-z][\w]*(?:\.[A-Za-z]\w*|\[\d+\])*$/;

/** Characters a `match` may hold; a regular expression is also checked to compile. */
export const MATCH_LENGTH_MAX = 1_000;

/** A difference the comparison found: where, what, and each side's value. */
export interface Finding {
  /** The step (1-based) for a step's output; absent for the final state. */
  readonly step?: number;
  readonly host?: string;
  /** Its kind or selector path: `stdout`, `cache`, `image.config.Env`, `image.files`… */
  readonly what: string;
  /** Where, in words: `stdout line 4`, `image app:1 config.Env`, `image app:1 file app/x`. */
  readonly subject: string;
  readonly sim: string;
  readonly docker: string;
  /** Other kinds it follows from, which may declare it too (stdout of a build whose cache differs: `cache`). */
  readonly followsFrom?: readonly string[];
}

/** The regular expression of a `/…/flags` match, undefined for a plain substring; throws SyntaxError when invalid. */
export function matchRegExp(match: string): RegExp | undefined {
  const parts = /^\/(.*)\/([dgimsuy]*)$/s.exec(match);
  if (parts === null) return undefined;
  return new RegExp(parts[1] ?? "", (parts[2] ?? "").replace("g", ""));
}

/** Whether a declaration covers a finding. */
export function declares(declared: DeclaredDifference, finding: Finding): boolean {
  if (declared.step !== undefined && declared.step !== finding.step) return false;
  if (declared.host !== undefined && declared.host !== finding.host) return false;
  const kinds = [finding.what, ...(finding.followsFrom ?? [])];
  if (!kinds.some((what) => selects(declared.what, what))) return false;
  if (declared.match === undefined) return true;
  const texts = [finding.subject, finding.sim, finding.docker];
  const regExp = matchRegExp(declared.match);
  return texts.some((text) =>
    regExp === undefined ? text.includes(declared.match ?? "") : regExp.test(text),
  );
}

function selects(selector: string, path: string): boolean {
  if (selector === "files") return /^(?:image|container)\.files$/.test(path);
  return path === selector || path.startsWith(`${selector}.`) || path.startsWith(`${selector}[`);
}
