import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { prepareUserland } from "../../../../src/runtime/userland.ts";
import { runScript } from "./data-harness.ts";

/*
 * Expected outputs were recorded from busybox 1.35 (Debian 1:1.35.0-4+deb12u1+b1) in a real
 * container on dockerd 20.10 on the build machine, one command per case:
 *   docker run --rm -i --pull=never busybox sh -c 'mkdir -p /tmp; cd /ck && CMD' </dev/null
 */

const FILES: Readonly<Record<string, string | Uint8Array>> = { "ck/.keep": "" };

/** [command, stdout, stderr, exit code] */
const CASES: readonly (readonly [string, string, string, number])[] = [
  ["getopt ab:c:: -a -b x -cy z -- w", " -a -b x -c y -- z w\n", "", 0],
  ["getopt ab:c:: z -a -c -b", " -a -c  -- z\n", "getopt: option requires an argument -- 'b'\n", 1],
  [
    "getopt -o ab: -l bb:,cc:: -- -a --bb=1 --cc --cc=2 --b 3 x",
    " -a --bb '1' --cc '' --cc '2' --bb '3' -- 'x'\n",
    "",
    0,
  ],
  ["getopt -o ab -- -x y", " -- 'y'\n", "getopt: invalid option -- 'x'\n", 1],
  ["getopt -n prog -o ab -- -x", " --\n", "prog: invalid option -- 'x'\n", 1],
  ["getopt -q -o ab -- -x -a", " -a --\n", "", 1],
  ["getopt -Q -o ab -- -a", "", "", 0],
  ["getopt -Q -o a -- -x", "", "getopt: invalid option -- 'x'\n", 1],
  ["getopt -T", "", "", 4],
  ["getopt -u -o a: -- -a \"it's\" 'b c'", " -a it's -- b c\n", "", 0],
  ["getopt -o a: -- -a \"it's\" 'b c'", " -a 'it'\\''s' -- 'b c'\n", "", 0],
  ["getopt", "", "getopt: missing optstring argument\n", 1],
  ["getopt -o +ab -- -a x -b", " -a -- 'x' '-b'\n", "", 0],
  ["getopt -o -ab -- -a x -b", " -a 'x' -b --\n", "", 0],
  ["getopt -a -o a -l long -- -long -a", " --long -a --\n", "", 0],
  ["getopt -o a -l long,lang -- --l", " --long --\n", "", 0],
  [
    "getopt -o a -l long -- --long=x",
    " --\n",
    "getopt: option '--long' doesn't allow an argument\n",
    1,
  ],
  ["getopt -o a -l long: -- --long", " --\n", "getopt: option '--long' requires an argument\n", 1],
  ["getopt -o a: -- -a", " --\n", "getopt: option requires an argument -- 'a'\n", 1],
  ["getopt -o ab -- -ab -- -a", " -a -b -- '-a'\n", "", 0],
  ["getopt -o a -l xy -- --nope", " --\n", "getopt: unrecognized option '--nope'\n", 1],
  ['getopt -s csh -o a: -- -a "it\'s"', " -a 'it'\\''s' --\n", "", 0],
  ["getopt -s tcsh -o a: -- -a '!x'", " -a ''\\!'x' --\n", "", 0],
  [
    "getopt -s zsh -o a: -- -a 1",
    " -a '1' --\n",
    "getopt: unknown shell 'zsh', assuming bash\n",
    0,
  ],
  ["getopt -o 'a:' -- -a ''", " -a '' --\n", "", 0],
  ["getopt -o a -- -", " -- '-'\n", "", 0],
  ["getopt -o :a -- -x", " --\n", "", 1],
  ["getopt -o ab --name=foo --longoptions=x -- -c", " --\n", "foo: invalid option -- 'c'\n", 1],
  ["getopt -o ab", " --\n", "", 0],
  ["getopt -- ab -a x", " -a -- 'x'\n", "", 0],
  ["getopt -q ab -x", " --\n", "", 1],
  [
    "getopt -a -o ab -l bx,long: -- -long=5 -ab -bx -l 7 -x",
    " --long '5' -a -b --bx --long '7' --\n",
    "getopt: unrecognized option '-x'\n",
    1,
  ],
  ["getopt -o a -l long -- ---long", " --\n", "getopt: unrecognized option '---long'\n", 1],
  ["getopt -o a -l long -- --", " --\n", "", 0],
  ["getopt -o a:: -- -a5 -a 6", " -a '5' -a '' -- '6'\n", "", 0],
  ["getopt -o 'a' -l 'b::' -- --b=5 --b 6", " --b '5' --b '' -- '6'\n", "", 0],
  ["getopt -o a -l b -l c, -- --b --c", " --b --c --\n", "", 0],
  ["getopt --unq -o a: -- -a 'x y'", " -a x y --\n", "", 0],
  ["getopt -s sh -u -o a -- 'x y'", " -- x y\n", "", 0],
  ["getopt -o ab -o c -- -c", " -c --\n", "", 0],
  ["getopt --opt=ab --long x:: -- -ba --x", " -b -a --x '' --\n", "", 0],
  ["getopt -o a -- x -a y -- z", " -a -- 'x' 'y' 'z'\n", "", 0],
  ["getopt -a -o a: -l all -- -a 5 -al", " -a '5' --all --\n", "", 0],
  [
    'O=$(getopt -l bb: -- ab:c:: -a --bb \'x y\' -c) && eval set -- "$O" && echo "$#:$1:$2:$3:$4:$5:$6"',
    "6:-a:--bb:x y:-c::--\n",
    "",
    0,
  ],
];

describe("getopt", () => {
  before(() => prepareUserland());

  it("answers as busybox 1.35 does, case by case", async () => {
    for (const [command, stdout, stderr, exitCode] of CASES) {
      const run = await runScript(`mkdir -p /tmp; cd /ck && ${command}`, FILES);
      assert.deepEqual([run.stdout, run.stderr, run.exitCode], [stdout, stderr, exitCode], command);
    }
  });

  it("shows its usage for its own bad options", async () => {
    const usage = (await runScript("getopt --help")).stderr;
    assert.match(usage, /\n\nUsage: getopt \[OPTIONS\] \[--\] OPTSTRING PARAMS\n/);
    for (const [script, head] of [
      ["getopt -x", "getopt: invalid option -- 'x'\n"],
      ["getopt --bogus", "getopt: unrecognized option '--bogus'\n"],
      ["getopt -o", "getopt: option requires an argument -- 'o'\n"],
    ] as const) {
      const run = await runScript(script);
      assert.deepEqual([run.stdout, run.stderr, run.exitCode], ["", head + usage, 1], script);
    }
  });
});
