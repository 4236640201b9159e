import { BUILD_CASES } from "./cases-build.ts";
import { COPY_CASES } from "./cases-copy.ts";
import { DAEMON_CASES } from "./cases-daemon.ts";
import { RUN_CASES } from "./cases-run.ts";
import type { DiffCase } from "./diff-case.ts";

/** Every case of the differential corpus, by unique name. */
export const DIFF_CASES: readonly DiffCase[] = [
  ...BUILD_CASES,
  ...COPY_CASES,
  ...RUN_CASES,
  ...DAEMON_CASES,
];
