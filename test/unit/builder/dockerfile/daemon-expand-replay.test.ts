/**
 * Replays the recorded expansion runs of the real Docker 20.10 daemon: `${…}` forms, quotes,
 * escapes, ENV/ARG scoping, build args and the builtin proxy args, compared through the image
 * config and the build-time error text.
 */
import { describe, it } from "node:test";
import { recordedGroup } from "../support/recordings.ts";
import { assertReplays } from "../support/replay.ts";

/** BuildKit-only `${…}` forms: the classic lexer refuses them, the BuildKit one expands them. */
const BUILDKIT_FORMS = new Set([
  "dash-no-colon",
  "plus-no-colon",
  "hash-pattern",
  "percent-pattern",
  "slash-pattern",
]);

describe("daemon recordings: expand", () => {
  for (const recorded of recordedGroup("expand")) {
    it(`${recorded.testCase.name} (classic expansion)`, () => {
      assertReplays(recorded, { dialect: "classic", expansion: "classic" });
    });
    if (BUILDKIT_FORMS.has(recorded.testCase.name)) continue;
    it(`${recorded.testCase.name} (BuildKit expansion)`, () => {
      assertReplays(recorded, { dialect: "extended", expansion: "buildkit" });
    });
  }
});
