/**
 * Generates the README's table of `scenario diff` results: every sim-scenario and corpus case on
 * the simulator and on real Docker (live when it runs here, else the recordings).
 *
 *   npm run diff-table                   # print the table
 *   npm run diff-table -- --write        # and put it into README.md between the markers
 *   npm run diff-table -- --record       # live runs only, and keep them as the recordings
 *   npm run diff-table -- --recorded     # never start Docker: compare with the recordings
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  corpusSubjects,
  diffSubjects,
  formatDiffTable,
  scenarioSubjects,
} from "./diff-outcomes.ts";

const README = join(import.meta.dirname, "..", "..", "README.md");
const START = "<!-- diff-table:start (npm run diff-table -- --write) -->";
const END = "<!-- diff-table:end -->";

const args = new Set(process.argv.slice(2));
const outcomes = await diffSubjects([...scenarioSubjects(), ...corpusSubjects()], {
  recorded: args.has("--recorded"),
  record: args.has("--record"),
  notes: (text) => process.stderr.write(text),
});
const table = formatDiffTable(outcomes);
process.stdout.write(`${table}\n`);
if (args.has("--write")) {
  const text = readFileSync(README, "utf8");
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${START} … ${END} section`);
  writeFileSync(README, `${text.slice(0, start + START.length)}\n${table}\n${text.slice(end)}`);
}
const undeclared = outcomes.filter((outcome) => outcome.report.undeclared > 0);
if (undeclared.length > 0) {
  process.stderr.write(`undeclared differences in: ${undeclared.map((o) => o.name).join(", ")}\n`);
  process.exitCode = 1;
}
