import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { observedRunOf } from "../../../../src/scenario/backend/observe-run.ts";
import { SimBackend } from "../../../../src/scenario/backend/sim-backend.ts";
import { exportFiles } from "../../../../src/scenario/diff/export-files.ts";
import { inspectWorld } from "../../../../src/scenario/diff/inspect-world.ts";
import type {
  ObservedHost,
  ObservedRun,
  ObservedStep,
} from "../../../../src/scenario/diff/observed-run.ts";
import { parseScenario } from "../../../../src/scenario/read-scenario.ts";
import type { Scenario } from "../../../../src/scenario/scenario.ts";
import { memoryScenarioSource } from "../../../../src/scenario/scenario-source.ts";

/** The repository the real run pushed to (a unique name on the shared registry). */
export const REF = "127.0.0.1:5000/h3-diff-27993-fx:1";

const FIXTURES = new URL("../../../fixtures/scenario-diff/", import.meta.url);

/** A fixture file's text. */
export function fixture(name: string): string {
  return readFileSync(new URL(name, FIXTURES), "utf8");
}

/** The commands of `test/fixtures/scenario-diff/README.md`, in order, with their recorded output. */
const COMMANDS: readonly [string, string, string][] = [
  [`docker build -t ${REF} app`, "build1.stdout", "build1.stderr"],
  [`docker build -t ${REF} app`, "build2.stdout", "build2.stderr"],
  [`docker push ${REF}`, "push1.stdout", ""],
  [`docker push ${REF}`, "push2.stdout", ""],
  [`docker rmi ${REF}`, "rmi.stdout", ""],
  [`docker pull ${REF}`, "pull1.stdout", ""],
];

/** The same commands as a scenario, for the simulator (`differences` appended as YAML). */
export function fixtureScenario(differences = ""): Scenario {
  const quote = (text: string) => JSON.stringify(text);
  const text = [
    "name: h3-fixture",
    "hosts: { dev: { images: [busybox] } }",
    'registries: { "127.0.0.1:5000": {} }',
    "files:",
    `  app/Dockerfile: ${quote(fixture("Dockerfile"))}`,
    `  app/greeting.txt: ${quote(fixture("greeting.txt"))}`,
    "steps:",
    ...COMMANDS.map(
      ([command]) => `  - { on: dev, run: ${quote(command)}, expect: { exit: any } }`,
    ),
    differences,
  ].join("\n");
  return parseScenario({ file: "h3.yaml", text, source: memoryScenarioSource({}) });
}

/** Real Docker's run, from the recorded outputs, image inspect, history and export. */
export function realRun(): ObservedRun {
  const steps: ObservedStep[] = COMMANDS.map(([command, stdout, stderr], index) => ({
    index,
    kind: "run",
    on: "dev",
    commandLine: command,
    exitCode: 0,
    stdout: fixture(stdout),
    stderr: stderr === "" ? "" : fixture(stderr),
  }));
  const tar = gunzipSync(readFileSync(new URL("export-stripped.tar.gz", FIXTURES)));
  const history = fixture("history.jsonl")
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as unknown);
  const image = {
    ref: REF,
    inspect: (JSON.parse(fixture("inspect.json")) as unknown[])[0],
    history,
    files: exportFiles(new Uint8Array(tar)),
  };
  return { backend: "docker", steps, hosts: [{ host: "dev", images: [image], containers: [] }] };
}

let simulated: Promise<ObservedRun> | undefined;

/** The simulator's run of `fixtureScenario()` (run once per test file), its hosts keeping `REF` only. */
export function simRun(): Promise<ObservedRun> {
  simulated ??= (async () => {
    const run = await new SimBackend().run(fixtureScenario(), { inspect: inspectWorld });
    const hosts = (run.inspected ?? []).map(
      (host): ObservedHost => ({ ...host, images: host.images.filter((i) => i.ref === REF) }),
    );
    return observedRunOf("sim", run.result, hosts);
  })();
  return simulated;
}
