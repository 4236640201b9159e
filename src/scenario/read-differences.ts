import {
  type DeclaredDifference,
  DIFFERENCE_KINDS,
  MATCH_LENGTH_MAX,
  matchRegExp,
  WHAT_SELECTOR,
} from "./diff/declared-difference.ts";
import type { DocReader } from "./doc-reader.ts";

/** Declared differences a scenario may list. */
export const DECLARED_DIFFERENCE_COUNT_MAX = 200;

const KEYS = ["step", "host", "what", "match", "reason"];

/**
 * Reads a scenario's `differences:` list: what `scenario diff` should accept as a difference
 * between the simulator and real Docker, each with its reason (see `diff/declared-difference.ts`).
 */
export function readDifferences(
  reader: DocReader,
  names: { readonly hosts: readonly string[]; readonly stepCount: number },
): DeclaredDifference[] {
  if (reader.isMissing) return [];
  return reader.items(DECLARED_DIFFERENCE_COUNT_MAX).map((item) => {
    item.keys(KEYS);
    const step = item.key("step").isMissing
      ? undefined
      : item.key("step").integer({ min: 1, max: Math.max(1, names.stepCount) });
    const host = item.key("host").isMissing ? undefined : item.key("host").string();
    if (host !== undefined && !names.hosts.includes(host))
      item.key("host").fail(`no host "${host}"; hosts are: ${names.hosts.join(", ")}`);
    const what = item.key("what").string({ nonEmpty: true, lengthMax: 200 });
    if (!DIFFERENCE_KINDS.includes(what) && !WHAT_SELECTOR.test(what))
      item
        .key("what")
        .fail(
          `expected one of ${DIFFERENCE_KINDS.join(", ")}, or a selector such as image.config.Env`,
        );
    const match = item.key("match").isMissing
      ? undefined
      : item.key("match").string({ nonEmpty: true, lengthMax: MATCH_LENGTH_MAX });
    if (match !== undefined) {
      try {
        matchRegExp(match);
      } catch (error) {
        item.key("match").fail(`not a valid regular expression: ${(error as Error).message}`);
      }
    }
    const reason = item.key("reason").string({ nonEmpty: true, lengthMax: 1_000 }).trim();
    return {
      ...(step === undefined ? {} : { step }),
      ...(host === undefined ? {} : { host }),
      what,
      ...(match === undefined ? {} : { match }),
      reason,
    };
  });
}
