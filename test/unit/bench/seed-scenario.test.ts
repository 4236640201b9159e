import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { realArgv } from "../../../bench/support/real-workflow.ts";
import { benchSteps, nodeScenarioSource } from "../../../bench/support/seed-scenario.ts";
import { readScenario } from "../../../src/scenario/read-scenario.ts";

const SCENARIO = `name: tiny
hosts: { dev: {}, prod: {} }
registries: { registry.local:5000: {} }
files:
  app: { dir: app }
steps:
  - { on: dev, run: docker build -t registry.local:5000/hello:1 app }
  - { on: dev, run: docker push registry.local:5000/hello:1 }
  - { on: prod, run: docker pull registry.local:5000/hello:1 }
  - { on: prod, run: docker run --rm registry.local:5000/hello:1 }
`;

function withScenario<T>(text: string, use: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), "drydock-bench-test-"));
  try {
    mkdirSync(join(dir, "app"));
    writeFileSync(join(dir, "app/Dockerfile"), "FROM busybox\n");
    writeFileSync(join(dir, "app/run.sh"), "echo hi\n", { mode: 0o755 });
    writeFileSync(join(dir, "scenario.yaml"), text);
    return use(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("seed scenario as bench steps", () => {
  it("reads a scenario and its folder from disk, with file modes", () => {
    withScenario(SCENARIO, (dir) => {
      const scenario = readScenario({ file: "scenario.yaml", source: nodeScenarioSource(dir) });
      const files = scenario.files.dev!.map((file) => [file.path, file.mode]);
      assert.deepEqual(files, [
        ["app/Dockerfile", 0o644],
        ["app/run.sh", 0o755],
      ]);
      const steps = benchSteps(scenario).map((step) => [step.on, step.step]);
      assert.deepEqual(steps, [
        ["dev", "build"],
        ["dev", "push"],
        ["prod", "pull"],
        ["prod", "run"],
      ]);
    });
  });

  it("refuses a step that is not one of the four", () => {
    const text = SCENARIO.replace(
      "docker push registry.local:5000/hello:1",
      "docker tag registry.local:5000/hello:1 other:1",
    );
    withScenario(text, (dir) => {
      const scenario = readScenario({ file: "scenario.yaml", source: nodeScenarioSource(dir) });
      assert.throws(() => benchSteps(scenario), /times build, push, pull and run/);
    });
  });

  it("turns a step into the real CLI's words: registry, context path, --pull=never", () => {
    const common = {
      registryNames: ["registry.local:5000"],
      address: "127.0.0.1:4321",
      clientDir: "/tmp/c/dev",
      clientPaths: new Set(["app"]),
    };
    const build = {
      on: "dev",
      step: "build" as const,
      argv: ["build", "-t", "registry.local:5000/hello:1", "app"],
    };
    assert.deepEqual(realArgv({ ...common, step: build }), [
      "build",
      "-t",
      "127.0.0.1:4321/hello:1",
      "/tmp/c/dev/app",
    ]);
    const run = {
      on: "prod",
      step: "run" as const,
      argv: ["run", "--rm", "registry.local:5000/hello:1"],
    };
    assert.deepEqual(realArgv({ ...common, step: run }), [
      "run",
      "--pull=never",
      "--rm",
      "127.0.0.1:4321/hello:1",
    ]);
  });
});
