import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseCommandArgs, parseGlobal } from "../../../src/cli/parse-argv.ts";
import { COMMANDS } from "../../../src/client/command-table.ts";
import { scanFlags } from "../../../src/client/flags/scan-flags.ts";

function parse(command: string, argv: string[]) {
  const spec = COMMANDS.get(command)!;
  const result = parseCommandArgs(spec, [command], argv);
  assert.equal(result.kind, "ok", JSON.stringify(result));
  return result.kind === "ok" ? result.args : assert.fail();
}

/** yargs (the CLI's parser) and the pflag rules (docker's) must read every line the same way. */
function agree(command: string, argv: string[]): void {
  const spec = COMMANDS.get(command)!;
  const viaYargs = parseCommandArgs(spec, [command], argv);
  const viaPflag = scanFlags(spec, argv, [command]);
  assert.equal(viaYargs.kind, viaPflag.kind);
  if (viaYargs.kind !== "ok" || viaPflag.kind !== "ok") return;
  assert.deepEqual(viaYargs.args.positional, viaPflag.args.positional, argv.join(" "));
  for (const flag of spec.flags) {
    const name = flag.name;
    const read = (args: typeof viaYargs.args) =>
      flag.type === "bool"
        ? args.bool(name)
        : flag.type === "int"
          ? args.int(name)
          : flag.type === "string"
            ? args.string(name)
            : args.strings(name);
    assert.deepEqual(read(viaYargs.args), read(viaPflag.args), `${argv.join(" ")} --${name}`);
  }
  assert.deepEqual([...viaYargs.args.changed].sort(), [...viaPflag.args.changed].sort());
}

describe("drydock CLI argument parsing (yargs, two stages)", () => {
  it("keeps the container's flags after the image (run halts at the first positional)", () => {
    const args = parse("run", [
      "--rm",
      "-e",
      "K=V",
      "-e",
      "A=B",
      "-p",
      "8080:80",
      "nginx:1",
      "sh",
      "-c",
      "echo hi",
      "--flag",
      "-x",
      "-e",
      "X",
    ]);
    assert.deepEqual(args.positional, [
      "nginx:1",
      "sh",
      "-c",
      "echo hi",
      "--flag",
      "-x",
      "-e",
      "X",
    ]);
    assert.deepEqual(args.strings("env"), ["K=V", "A=B"]);
    assert.deepEqual(args.strings("publish"), ["8080:80"]);
    assert.equal(args.bool("rm"), true);
  });

  it("reads combined short flags, = forms, repeated flags, and keeps a -- after the image", () => {
    const args = parse("run", [
      "-it",
      "--name=web",
      "-l",
      "a=1",
      "--label=b=2",
      "img",
      "--",
      "ls",
      "-la",
    ]);
    assert.equal(args.bool("interactive"), true);
    assert.equal(args.bool("tty"), true);
    assert.equal(args.string("name"), "web");
    assert.deepEqual(args.strings("label"), ["a=1", "b=2"]);
    assert.deepEqual(args.positional, ["img", "--", "ls", "-la"]);
  });

  it("takes -t several times for build, and `--no-trunc` as its own flag", () => {
    assert.deepEqual(parse("build", ["-t", "a:1", "-t", "a:latest", "."]).strings("tag"), [
      "a:1",
      "a:latest",
    ]);
    assert.deepEqual(parse("build", ["-t", "a:1", "-t", "a:latest", "."]).positional, ["."]);
    assert.equal(parse("ps", ["--no-trunc"]).bool("no-trunc"), true);
    assert.equal(parse("history", ["-H=false", "img"]).bool("human"), false);
    assert.equal(parse("ps", ["-n", "3"]).int("last"), 3);
  });

  it("agrees with pflag's reading on many command lines", () => {
    const lines: [string, string[]][] = [
      ["run", ["--rm", "img"]],
      ["run", ["-d", "--name", "x1", "img", "sh", "-c", "echo hi; sleep 1"]],
      ["run", ["-it", "img", "sh"]],
      ["run", ["-e", "A", "-eB=2", "--env=C=3", "img"]],
      ["run", ["--", "img", "ls"]],
      ["run", ["--rm", "img", "--", "ls"]],
      [
        "run",
        ["-v", "/a:/b:ro", "--mount", "type=volume,target=/d", "-w", "/w", "-u", "0:0", "img"],
      ],
      [
        "run",
        [
          "--pull=never",
          "--restart",
          "on-failure:3",
          "--stop-timeout",
          "5",
          "--init",
          "--read-only",
          "img",
          "true",
        ],
      ],
      ["run", ["-p", "80", "-p=81:81", "-P", "img"]],
      ["exec", ["-it", "c1", "sh", "-c", "ls -la"]],
      ["exec", ["-e", "A=1", "-w", "/tmp", "c1", "env", "-i"]],
      ["ps", ["-a", "-q", "--filter", "status=exited", "-f", "name=x"]],
      ["ps", ["-aq"]],
      ["ps", ["--format", "table {{.ID}}\t{{.Names}}", "-s"]],
      ["images", ["-a", "--digests", "busybox"]],
      ["logs", ["-f", "--tail", "10", "-t", "c1"]],
      ["logs", ["-n", "5", "c1"]],
      ["rm", ["-fv", "a", "b"]],
      [
        "build",
        ["--build-arg", "V=1", "--no-cache", "-f", "Dockerfile.x", "--target", "t", "-q", "."],
      ],
      ["commit", ["-m", "msg", "-a", "me", "-c", 'CMD ["sh"]', "c1", "repo:tag"]],
      ["inspect", ["-f", "{{.Id}}", "--type", "image", "x"]],
      ["kill", ["-s", "KILL", "c1"]],
      ["stop", ["-t", "1", "c1", "c2"]],
    ];
    for (const [command, argv] of lines) agree(command, argv);
  });

  it("splits global flags from the command", () => {
    const global = parseGlobal(["--data-root", "/tmp/x", "-D", "run", "--rm", "img"]);
    assert.ok(!("error" in global));
    assert.equal(global.dataRoot, "/tmp/x");
    assert.equal(global.debug, true);
    assert.deepEqual(global.rest, ["run", "--rm", "img"]);
    assert.deepEqual(parseGlobal(["--bogus", "ps"]), { error: "unknown flag: --bogus" });
    assert.deepEqual(parseGlobal(["-H"]), { error: "flag needs an argument: 'H' in -H" });
  });
});
