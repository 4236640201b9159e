/**
 * Wall time of whole drydock processes: the `start` script of package.json as it stands at the
 * moment of the run (a fresh Node process, after one untimed run that builds or warms the CLI
 * bundle), the same through `npm start` (which adds npm's own start-up), and, while the start
 * script is not the scenario yet, `drydock scenario run` on the seed scenario.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { median } from "./stats.ts";

/** One measured command line: its median, or why it could not be measured. */
export interface StartMeasurement {
  readonly label: string;
  readonly medianMs?: number;
  readonly failure?: string;
}

/** The start script's words with `node` as this Node binary, or `sh -c` for a shell line. */
export function startCommand(script: string, nodePath: string): string[] {
  const words = script.trim().split(/\s+/);
  if (words.some((word) => /[|&;<>$`'"()*?]/.test(word))) return ["sh", "-c", script];
  return words.map((word, index) => (index === 0 && word === "node" ? nodePath : word));
}

function timeRuns(
  command: readonly string[],
  options: { cwd: string; runs: number; env: NodeJS.ProcessEnv },
): number | string {
  const [file, ...args] = command;
  const times: number[] = [];
  for (let run = 0; run <= options.runs; run++) {
    const started = performance.now();
    const result = spawnSync(file!, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ["ignore", "ignore", "pipe"],
    });
    const elapsed = performance.now() - started;
    if (result.status !== 0)
      return `exit ${result.status}: ${result.stderr?.toString().trim().split("\n").at(-1)}`;
    if (run > 0) times.push(elapsed); // the first run builds or warms the bundle
  }
  return median(times);
}

/** Median wall times of the start script, of `npm start`, and of `drydock scenario run`. */
export function measureStart(options: { repo: string; runs: number }): StartMeasurement[] {
  const pkg = JSON.parse(readFileSync(join(options.repo, "package.json"), "utf8")) as {
    scripts?: Record<string, string>;
  };
  const script = pkg.scripts?.start ?? "";
  const commands: { label: string; command: string[] }[] = [
    { label: script, command: startCommand(script, process.execPath) },
    { label: "npm start", command: ["npm", "start", "--silent"] },
  ];
  if (!script.includes("scenario")) {
    const file = "sim-scenarios/seed-workflow/scenario.yaml";
    commands.push({
      label: `drydock scenario run ${file}`,
      command: [process.execPath, "src/cli/bin.mjs", "scenario", "run", file],
    });
  }
  const dataRoot = mkdtempSync(join(tmpdir(), "drydock-bench-start-"));
  // npm must not look for its own updates over the network while being timed.
  const env = { ...process.env, DRYDOCK_DATA_ROOT: dataRoot, npm_config_update_notifier: "false" };
  try {
    return commands.map(({ label, command }) => {
      const measured = timeRuns(command, { cwd: options.repo, runs: options.runs, env });
      return typeof measured === "number"
        ? { label, medianMs: measured }
        : { label, failure: measured };
    });
  } finally {
    rmSync(dataRoot, { recursive: true, force: true });
  }
}
