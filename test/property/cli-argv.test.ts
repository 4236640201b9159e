import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { parseCommandArgs } from "../../src/cli/parse-argv.ts";
import type { CommandSpec } from "../../src/client/command-spec.ts";
import { COMMANDS } from "../../src/client/command-table.ts";
import { scanFlags } from "../../src/client/flags/scan-flags.ts";
import type { ParsedArgs } from "../../src/client/parsed-args.ts";

const SEED = 20261128;
const RUNS = 300;

const word = fc.constantFrom(
  "img",
  "a=b",
  "x",
  "sh",
  "-c",
  "echo hi",
  "--",
  "-x",
  "--flag",
  "K=V",
  "3600",
  "",
);

/** One flag occurrence of the spec, in any of pflag's spellings. */
function flagToken(spec: CommandSpec): fc.Arbitrary<string[]> {
  return fc.constantFrom(...spec.flags).chain((flag) => {
    const value =
      flag.type === "bool"
        ? fc.constantFrom("true", "false")
        : fc.constantFrom("v", "a=b", "1", "x:y");
    const spellings: fc.Arbitrary<string[]>[] = [
      value.map((text) => [`--${flag.name}=${text}`]),
      flag.type === "bool"
        ? fc.constant([`--${flag.name}`])
        : value.map((text) => [`--${flag.name}`, text]),
    ];
    if (flag.short !== undefined) {
      spellings.push(
        flag.type === "bool"
          ? fc.constant([`-${flag.short}`])
          : value.map((text) => [`-${flag.short}`, text]),
      );
      if (flag.type !== "bool") spellings.push(value.map((text) => [`-${flag.short}${text}`]));
    }
    return fc.oneof(...spellings);
  });
}

function readAll(spec: CommandSpec, args: ParsedArgs): unknown[] {
  return spec.flags.map((flag) =>
    flag.type === "bool"
      ? args.bool(flag.name)
      : flag.type === "int"
        ? args.int(flag.name)
        : flag.type === "string"
          ? args.string(flag.name)
          : args.strings(flag.name),
  );
}

describe("property: the CLI's yargs parse reads command lines as pflag (docker) does", () => {
  for (const command of ["run", "exec", "ps", "build", "logs", "images"]) {
    it(`agrees on random ${command} command lines`, () => {
      const spec = COMMANDS.get(command)!;
      const argv = fc
        .tuple(
          fc.array(flagToken(spec), { maxLength: 5 }),
          fc.array(word, { maxLength: 4 }),
          fc.array(flagToken(spec), { maxLength: 2 }),
        )
        .map(([before, positional, after]) => [...before.flat(), ...positional, ...after.flat()]);
      fc.assert(
        fc.property(argv, (line) => {
          const viaYargs = parseCommandArgs(spec, [command], line);
          const viaPflag = scanFlags(spec, line, [command]);
          assert.equal(viaYargs.kind, viaPflag.kind, line.join(" "));
          if (viaYargs.kind === "ok" && viaPflag.kind === "ok") {
            assert.deepEqual(viaYargs.args.positional, viaPflag.args.positional, line.join(" "));
            assert.deepEqual(
              readAll(spec, viaYargs.args),
              readAll(spec, viaPflag.args),
              line.join(" "),
            );
          }
        }),
        { seed: SEED, numRuns: RUNS },
      );
    });
  }
});
