import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ContainerCreateRequest, VersionInfo } from "../../../../src/engine/api-types.ts";
import { fakeEngine } from "../helpers/fake-engine.ts";
import { recordedCases } from "../helpers/replay.ts";
import { runLine } from "../helpers/run-line.ts";

/*
 * Every expected output here was printed by the real docker CLI 28.2.2 talking to dockerd
 * 20.10.24 (API 1.41); the request bodies are what it sent in POST /containers/create.
 */

const ID = "c".repeat(64);

/** An engine that records create requests and reports the given API version. */
function healthEngine(apiVersion = "1.41") {
  const requests: ContainerCreateRequest[] = [];
  const engine = fakeEngine({
    containerCreate: async (request) => {
      requests.push(request);
      return { Id: ID, Warnings: [] };
    },
    containerStart: async () => {},
    version: async () => ({ ApiVersion: apiVersion }) as VersionInfo,
  });
  return { engine, requests };
}

/** `docker create ARGS app` against a 1.41 daemon: the outcome and the Healthcheck sent. */
async function create(args: readonly string[], apiVersion?: string) {
  const { engine, requests } = healthEngine(apiVersion);
  const result = await runLine(engine, ["create", ...args, "app"]);
  const request = requests[0];
  return { ...result, request, healthcheck: request?.Healthcheck, engine };
}

/** The CLI's wrapping of a create/run option error (exit 125). */
function optionError(command: "create" | "run", message: string): string {
  return `docker: ${message}\n\nRun 'docker ${command} --help' for more information\n`;
}

/** pflag's invalid value error with the command's usage (exit 125). */
function flagError(message: string): string {
  return (
    `${message}\n\nUsage:  docker create [OPTIONS] IMAGE [COMMAND] [ARG...]\n\n` +
    "Run 'docker create --help' for more information\n"
  );
}

describe("docker run/create health check flags", () => {
  it("send Test CMD-SHELL and every duration in nanoseconds, in the Go struct's key order", async () => {
    const { exitCode, healthcheck } = await create([
      "--health-cmd",
      "echo hi",
      "--health-interval",
      "1h2m3.5s",
      "--health-timeout",
      "300ms",
      "--health-start-period",
      "1.5us",
      "--health-retries",
      "3",
    ]);
    assert.equal(exitCode, 0);
    assert.equal(
      JSON.stringify(healthcheck),
      '{"Test":["CMD-SHELL","echo hi"],"Interval":3723500000000,"Timeout":300000000,"StartPeriod":1500,"Retries":3}',
    );
  });

  it("send only the values given, each flag on its own", async () => {
    const cases: [string[], object][] = [
      [["--health-cmd", "true"], { Test: ["CMD-SHELL", "true"] }],
      [["--health-interval", "5s"], { Interval: 5_000_000_000 }],
      [["--health-timeout", "2µs"], { Timeout: 2000 }],
      [["--health-timeout=+5s"], { Timeout: 5_000_000_000 }],
      [["--health-start-period", "1m30s"], { StartPeriod: 90_000_000_000 }],
      [["--health-retries", "3"], { Retries: 3 }],
      [["--health-retries", "0x10"], { Retries: 16 }],
      // Below 1ms is the daemon's to refuse (dockerd 20.10 does); the CLI sends it.
      [["--health-interval", "500us"], { Interval: 500_000 }],
    ];
    for (const [args, expected] of cases) {
      const { exitCode, healthcheck } = await create(args);
      assert.equal(exitCode, 0, args.join(" "));
      assert.deepEqual(healthcheck, expected, args.join(" "));
    }
  });

  it("send no Healthcheck without health values: zero values set nothing", async () => {
    for (const args of [
      [],
      ["--health-cmd", "", "--health-interval", "0"],
      ["--health-interval", "-0s"],
    ]) {
      const { exitCode, request } = await create(args);
      assert.equal(exitCode, 0);
      assert.equal(request !== undefined && "Healthcheck" in request, false, args.join(" "));
    }
  });

  it("--no-healthcheck sends Test NONE, also with zero health values", async () => {
    for (const args of [
      ["--no-healthcheck"],
      ["--no-healthcheck", "--health-interval", "0s"],
      ["--no-healthcheck", "--health-cmd", "", "--health-retries", "0"],
    ]) {
      const { exitCode, healthcheck } = await create(args);
      assert.equal(exitCode, 0);
      assert.deepEqual(healthcheck, { Test: ["NONE"] }, args.join(" "));
    }
    const off = await create(["--no-healthcheck=false", "--health-cmd", "x"]);
    assert.deepEqual(off.healthcheck, { Test: ["CMD-SHELL", "x"] });
  });

  it("--no-healthcheck with a health value is a conflict (exit 125, nothing created)", async () => {
    for (const args of [
      ["--no-healthcheck", "--health-cmd", "x"],
      ["--no-healthcheck", "--health-retries", "-1"],
    ]) {
      const { exitCode, stderr, request } = await create(args);
      assert.equal(exitCode, 125);
      assert.equal(
        stderr,
        optionError("create", "--no-healthcheck conflicts with --health-* options"),
      );
      assert.equal(request, undefined);
    }
    const { engine } = healthEngine();
    const run = await runLine(engine, ["run", "--no-healthcheck", "--health-cmd", "x", "app"]);
    assert.equal(run.exitCode, 125);
    assert.equal(
      run.stderr,
      optionError("run", "--no-healthcheck conflicts with --health-* options"),
    );
  });

  it("refuses negative values, the first in the CLI's order (interval, timeout, retries, start period)", async () => {
    const cases: [string[], string][] = [
      [["--health-interval", "-1s"], "--health-interval"],
      [["--health-timeout", "-1ms"], "--health-timeout"],
      [["--health-start-period", "-1h"], "--health-start-period"],
      [["--health-retries", "-1"], "--health-retries"],
      [["--health-cmd", "x", "--health-retries", "-1"], "--health-retries"],
      [
        [
          "--health-retries=-1",
          "--health-start-period=-1s",
          "--health-timeout=-1s",
          "--health-interval=-1s",
        ],
        "--health-interval",
      ],
      [
        ["--health-retries=-1", "--health-start-period=-1s", "--health-timeout=-1s"],
        "--health-timeout",
      ],
      [["--health-retries=-1", "--health-start-period=-1s"], "--health-retries"],
    ];
    for (const [args, flag] of cases) {
      const { exitCode, stderr } = await create(args);
      assert.equal(exitCode, 125, args.join(" "));
      assert.equal(stderr, optionError("create", `${flag} cannot be negative`), args.join(" "));
    }
  });

  it("checks health values after --pull and ports, before --rm/--restart", async () => {
    const pull = await create(["--pull=bogus", "--health-interval", "-1s"]);
    assert.match(pull.stderr, /^docker: invalid pull option: 'bogus'/);
    const port = await create(["-p", "99999999", "--health-interval", "-1s"]);
    assert.match(port.stderr, /^docker: invalid containerPort: 99999999\n/);
    const restart = await create(["--rm", "--restart", "always", "--health-interval", "-1s"]);
    assert.equal(restart.stderr, optionError("create", "--health-interval cannot be negative"));
  });

  it("reports unparsable durations with Go's time.ParseDuration error, as pflag prints it", async () => {
    const cases: [string, string][] = [
      ["abc", 'time: invalid duration "abc"'],
      ["5", 'time: missing unit in duration "5"'],
      ["5d", 'time: unknown unit "d" in duration "5d"'],
      ["", 'time: invalid duration ""'],
      ["1é", 'time: unknown unit "\\xc3\\xa9" in duration "1\\xc3\\xa9"'],
      [".s", 'time: invalid duration ".s"'],
      ["1.5.5s", 'time: missing unit in duration "1.5.5s"'],
      ["1h 2m", 'time: unknown unit "h " in duration "1h 2m"'],
      ["1e3s", 'time: unknown unit "e" in duration "1e3s"'],
      ["9999999999h", 'time: invalid duration "9999999999h"'],
      ["-9999999999h", 'time: invalid duration "-9999999999h"'],
    ];
    for (const [value, goError] of cases) {
      const { exitCode, stderr } = await create(["--health-interval", value]);
      assert.equal(exitCode, 125, value);
      assert.equal(
        stderr,
        flagError(`invalid argument "${value}" for "--health-interval" flag: ${goError}`),
        value,
      );
    }
    const period = await create(["--health-start-period=2562047h47m16.854775808s"]);
    assert.equal(
      period.stderr,
      flagError(
        'invalid argument "2562047h47m16.854775808s" for "--health-start-period" flag: time: invalid duration "2562047h47m16.854775808s"',
      ),
    );
  });

  it("reports a bad --health-retries with strconv.ParseInt's error", async () => {
    for (const value of ["abc", "1.5"]) {
      const { exitCode, stderr } = await create(["--health-retries", value]);
      assert.equal(exitCode, 125);
      assert.equal(
        stderr,
        flagError(
          `invalid argument "${value}" for "--health-retries" flag: strconv.ParseInt: parsing "${value}": invalid syntax`,
        ),
      );
    }
  });

  it("run -d sends the same Healthcheck", async () => {
    const { engine, requests } = healthEngine();
    const result = await runLine(engine, [
      "run",
      "-d",
      "--health-cmd",
      "exit 1",
      "--health-interval",
      "1s",
      "--health-retries",
      "1",
      "app",
      "sleep",
      "30",
    ]);
    assert.equal(result.exitCode, 0);
    assert.deepEqual(requests[0]!.Healthcheck, {
      Test: ["CMD-SHELL", "exit 1"],
      Interval: 1_000_000_000,
      Retries: 1,
    });
  });
});

describe("--health-start-interval (API 1.44)", () => {
  const REFUSAL =
    '"--health-start-interval" requires API version 1.44, but the Docker daemon API version is 1.41\n';

  it("fails against an API 1.41 daemon before anything else, exit 1, whatever its value", async () => {
    for (const args of [
      ["--health-start-interval", "1s"],
      ["--health-start-interval", "0s"],
      ["--health-start-interval", "-1s"],
      ["--no-healthcheck", "--health-start-interval", "1s"],
      ["--health-start-interval", "5s", "--health-interval", "-1s"],
      ["--health-start-interval", "1s", "--pull=bogus"],
    ]) {
      const { exitCode, stderr, stdout, engine } = await create(args);
      assert.equal(exitCode, 1, args.join(" "));
      assert.equal(stderr, REFUSAL, args.join(" "));
      assert.equal(stdout, "");
      assert.deepEqual(
        engine.calls.map(([name]) => name),
        ["version"],
      );
    }
    const { engine } = healthEngine();
    const run = await runLine(engine, ["run", "--health-start-interval", "1s", "app"]);
    assert.equal(run.exitCode, 1);
    assert.equal(run.stderr, REFUSAL);
  });

  it("still reports an unparsable value as a flag error first (exit 125)", async () => {
    const { exitCode, stderr } = await create(["--health-start-interval", "abc"]);
    assert.equal(exitCode, 125);
    assert.equal(
      stderr,
      flagError(
        'invalid argument "abc" for "--health-start-interval" flag: time: invalid duration "abc"',
      ),
    );
  });

  it("is sent as StartInterval to a daemon that speaks API 1.44", async () => {
    const { exitCode, healthcheck } = await create(
      ["--health-cmd", "true", "--health-start-interval", "2s", "--health-retries", "2"],
      "1.44",
    );
    assert.equal(exitCode, 0);
    assert.equal(
      JSON.stringify(healthcheck),
      '{"Test":["CMD-SHELL","true"],"StartInterval":2000000000,"Retries":2}',
    );
    const negative = await create(["--health-start-interval", "-1s"], "1.44");
    assert.equal(
      negative.stderr,
      optionError("create", "--health-start-interval cannot be negative"),
    );
  });
});

describe("help of the health check flags", () => {
  /** Lines from the one naming `first` up to (not including) the one naming `next`. */
  function block(help: string, first: string, next: string): string {
    const lines = help.split("\n");
    const start = lines.findIndex((line) => line.includes(first));
    const end = lines.findIndex((line, index) => index > start && line.includes(next));
    assert.ok(start >= 0 && end > start, `${first} … ${next} in help`);
    return lines.slice(start, end).join("\n");
  }

  const real = recordedCases("errors").find((one) => one.name === "run --help")!.stdout;

  for (const command of ["run", "create"]) {
    it(`docker ${command} --help lists them as the CLI does against an API 1.41 daemon`, async () => {
      const { stdout, exitCode } = await runLine(healthEngine().engine, [command, "--help"]);
      assert.equal(exitCode, 0);
      // The CLI hides --health-start-interval from a daemon too old for it.
      assert.doesNotMatch(stdout, /health-start-interval/);
      assert.equal(
        block(stdout, "--health-cmd", "--hostname"),
        block(real, "--health-cmd", "--help "),
      );
      assert.equal(
        block(stdout, "--no-healthcheck", "--platform"),
        block(real, "--no-healthcheck", "--oom-kill-disable"),
      );
    });
  }
});
