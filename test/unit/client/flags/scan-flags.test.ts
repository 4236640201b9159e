import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { COMMANDS } from "../../../../src/client/command-table.ts";
import { parseEnvFile, resolveEnv } from "../../../../src/client/commands/env-options.ts";
import { scanFlags } from "../../../../src/client/flags/scan-flags.ts";

function scan(command: string, argv: string[]) {
  return scanFlags(COMMANDS.get(command)!, argv, [command]);
}

function error(command: string, argv: string[]): string {
  const result = scan(command, argv);
  return result.kind === "error" ? result.message : assert.fail(JSON.stringify(result));
}

describe("pflag's rules", () => {
  it("reports errors in pflag's words", () => {
    assert.equal(error("ps", ["--bogus"]), "unknown flag: --bogus");
    assert.equal(error("ps", ["-x"]), "unknown shorthand flag: 'x' in -x");
    assert.equal(error("ps", ["-ax"]), "unknown shorthand flag: 'x' in -x");
    assert.equal(error("run", ["-e"]), "flag needs an argument: 'e' in -e");
    assert.equal(error("run", ["--env"]), "flag needs an argument: --env");
    assert.equal(
      error("ps", ["-n", "x"]),
      'invalid argument "x" for "-n, --last" flag: strconv.ParseInt: parsing "x": invalid syntax',
    );
    assert.equal(
      error("ps", ["--all=maybe"]),
      'invalid argument "maybe" for "-a, --all" flag: strconv.ParseBool: parsing "maybe": invalid syntax',
    );
    assert.equal(
      error("ps", ["-f", "bogus"]),
      'invalid argument "bogus" for "-f, --filter" flag: bad format of filter (expected name=value)',
    );
    assert.equal(
      error("run", ["-e", "=x", "img"]),
      'invalid argument "=x" for "-e, --env" flag: invalid environment variable: =x',
    );
    assert.equal(error("ps", ["---x"]), "bad flag syntax: ---x");
  });

  it("stops at an unknown flag before the image instead of swallowing it (yargs' pitfall 23)", () => {
    assert.equal(error("run", ["--bogus", "busybox"]), "unknown flag: --bogus");
  });

  it("treats -h as help (deprecated shorthand) unless the command owns -h", () => {
    const help = scan("ps", ["-h"]);
    assert.deepEqual(help, { kind: "help", deprecatedShorthand: true });
    const run = scan("run", ["-h", "box", "img"]);
    assert.equal(run.kind === "ok" && run.args.string("hostname"), "box");
    assert.deepEqual(scan("ps", ["--help"]), { kind: "help", deprecatedShorthand: false });
    assert.equal(scan("ps", ["--help=false"]).kind, "ok");
  });

  it("reads values: last one wins for strings, all kept for lists, `--` ends flags", () => {
    const result = scan("ps", ["--format", "a", "--format=b", "-f", "x=1", "-fy=2"]);
    assert.ok(result.kind === "ok");
    assert.equal(result.args.string("format"), "b");
    assert.deepEqual(result.args.strings("filter"), ["x=1", "y=2"]);
    const rm = scan("rm", ["-f", "--", "-weird-name"]);
    assert.ok(rm.kind === "ok");
    assert.deepEqual(rm.args.positional, ["-weird-name"]);
    assert.equal(rm.args.bool("force"), true);
    assert.equal(rm.args.has("volumes"), false);
  });
});

describe("environment options", () => {
  it("-e K takes K's value from the client's environment when it is set", () => {
    assert.deepEqual(resolveEnv(["A=1", "HOME", "UNSET"], { HOME: "/root" }), [
      "A=1",
      "HOME=/root",
      "UNSET",
    ]);
  });

  it("--env-file follows the CLI's parsing rules", () => {
    const text =
      "\uFEFF# comment\n\n  A=1\nB= spaced value \r\nHOME\nUNSET\n   # indented comment\nC=x=y\n";
    assert.deepEqual(parseEnvFile(text, { HOME: "/root" }), [
      "A=1",
      "B= spaced value ",
      "HOME=/root",
      "UNSET",
      "C=x=y",
    ]);
    assert.throws(
      () => parseEnvFile("A B=1\n", {}, "/e"),
      /invalid env file \(\/e\): variable 'A B' contains whitespaces/,
    );
    assert.throws(() => parseEnvFile("=x\n", {}), /no variable name on line '=x'/);
  });
});
