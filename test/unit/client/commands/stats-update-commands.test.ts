import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import type { ContainerStats } from "../../../../src/engine/container-stats.ts";
import { DrydockError } from "../../../../src/errors/drydock-error.ts";
import { fakeEngine, iterate } from "../helpers/fake-engine.ts";
import { runLine } from "../helpers/run-line.ts";

/** A real dockerd 20.10 sample and the CLI 28.2 output for it (see the fixture's `source`). */
const RECORDED = JSON.parse(
  readFileSync(
    fileURLToPath(new URL("../../../fixtures/client/stats-sample.json", import.meta.url)),
    "utf8",
  ),
) as { sample: ContainerStats; cliOutput: string };

describe("docker stats", () => {
  it("prints the recorded sample as the docker CLI did", async () => {
    const engine = fakeEngine({ containerStats: () => iterate([RECORDED.sample]) });
    const result = await runLine(engine, ["stats", "--no-stream", "ddq-c2"]);
    assert.equal(result.stdout, RECORDED.cliOutput);
    assert.deepEqual(engine.calls[0], ["containerStats", ["ddq-c2", { stream: false }]]);
  });

  it("--format json writes the columns as the CLI's statsContext", async () => {
    const engine = fakeEngine({ containerStats: () => iterate([RECORDED.sample]) });
    const result = await runLine(engine, ["stats", "--no-stream", "--format", "json", "ddq-c2"]);
    // docker CLI 28.2 printed this shape for `--format json` (key order, values) on 2026-11-28.
    assert.equal(
      result.stdout,
      '{"BlockIO":"0B / 0B","CPUPerc":"0.00%","Container":"ddq-c2","ID":"27b95eceb7a5","MemPerc":"0.00%","MemUsage":"308KiB / 23.54GiB","Name":"ddq-c2","NetIO":"2.34kB / 0B","PIDs":"1"}\n',
    );
  });

  it("an unknown container: the daemon's error, no table, exit 1", async () => {
    const engine = fakeEngine({
      containerStats: () => ({
        [Symbol.asyncIterator]: () => ({
          next: async () => {
            throw new DrydockError("NotFound", "No such container: nocont");
          },
        }),
      }),
    });
    const result = await runLine(engine, ["stats", "--no-stream", "nocont"]);
    assert.deepEqual(
      [result.stdout, result.stderr, result.exitCode],
      ["", "Error response from daemon: No such container: nocont\n", 1],
    );
  });
});

describe("docker update", () => {
  it("sends the CLI's request and prints each name; failures together at the end", async () => {
    const engine = fakeEngine({
      containerUpdate: async (name) => {
        if (name === "nocont") throw new DrydockError("NotFound", "No such container: nocont");
        return { Warnings: null };
      },
    });
    const result = await runLine(engine, [
      "update",
      "-m",
      "64m",
      "--memory-swap",
      "128MiB",
      "--cpus",
      "0.5",
      "--restart",
      "on-failure:3",
      "--pids-limit",
      "100",
      "c1",
      "nocont",
    ]);
    assert.deepEqual(
      [result.stdout, result.stderr, result.exitCode],
      ["c1\n", "Error response from daemon: No such container: nocont\n", 1],
    );
    const request = engine.calls[0]![1][1] as Record<string, unknown>;
    assert.deepEqual(
      [
        request.Memory,
        request.MemorySwap,
        request.NanoCpus,
        request.PidsLimit,
        request.RestartPolicy,
      ],
      [67108864, 134217728, 500000000, 100, { Name: "on-failure", MaximumRetryCount: 3 }],
    );
  });

  it("refuses as the CLI does (recorded docker CLI 28.2 wording)", async () => {
    const engine = fakeEngine({});
    const none = await runLine(engine, ["update", "c1"]);
    assert.deepEqual(
      [none.stderr, none.exitCode],
      ["you must provide one or more flags when using this command\n", 1],
    );
    const suffix = await runLine(engine, ["update", "--memory", "64x", "c1"]);
    assert.match(
      suffix.stderr,
      /^invalid argument "64x" for "-m, --memory" flag: invalid suffix: 'x'\n/,
    );
    const cpus = await runLine(engine, ["update", "--cpus", "abc", "c1"]);
    assert.match(
      cpus.stderr,
      /^invalid argument "abc" for "--cpus" flag: failed to parse abc as a rational number\n/,
    );
    const retry = await runLine(engine, ["update", "--restart", "on-failure:x", "c1"]);
    assert.equal(
      retry.stderr,
      "invalid restart policy format: maximum retry count must be an integer\n",
    );
  });
});
