/**
 * Runs differential cases with the real docker CLI against a real Docker 20.10 daemon (classic
 * builder) and normalises what they print. Each case starts from a daemon holding only
 * `busybox:latest` (its parents kept), so cache hits come from the case alone.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { readTar } from "../../src/archive/tar-reader.ts";
import { CONTEXT_MTIME_US, materialize, TOUCHED_MTIME_US } from "./case-context.ts";
import type { CaseStep, DiffCase, ImageRecord, StepRecord } from "./diff-case.ts";
import { normalizeConfig, normalizeLines, Placeholders } from "./normalize.ts";

export interface CliResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly raw: Buffer;
}

/** Runs the docker CLI against `host` (a `unix://` address), never throwing on a non-zero exit. */
export function dockerCli(host: string, args: readonly string[], input?: string): CliResult {
  const result = spawnSync("docker", [...args], {
    env: { ...process.env, DOCKER_HOST: host, DOCKER_BUILDKIT: "0", DOCKER_CLI_HINTS: "false" },
    input,
    maxBuffer: 256 * 1024 * 1024,
    timeout: 180_000,
  });
  return {
    exitCode: result.status ?? -1,
    stdout: result.stdout?.toString("utf8") ?? "",
    stderr: result.stderr?.toString("utf8") ?? "",
    raw: result.stdout ?? Buffer.alloc(0),
  };
}

/** The command line a step stands for, as the fixtures show it. */
export function commandOf(step: CaseStep): string {
  switch (step.kind) {
    case "build":
      return [
        "docker build",
        ...buildFlags(step),
        step.stdinDockerfile === undefined ? "." : "-",
      ].join(" ");
    case "write":
      return step.content === null ? `rm ${step.path}` : `write ${step.path}`;
    case "touch":
      return `touch ${step.path}`;
    case "run":
      return [
        "docker run --rm",
        ...(step.entrypoint === undefined ? [] : ["--entrypoint", step.entrypoint]),
        step.image,
        ...(step.cmd ?? []),
      ].join(" ");
    case "cli":
      return ["docker", ...step.args].join(" ");
  }
}

function buildFlags(step: Extract<CaseStep, { kind: "build" }>): string[] {
  const flags: string[] = [];
  if (step.noCache === true) flags.push("--no-cache");
  if (step.tag !== undefined) flags.push("-t", step.tag);
  if (step.target !== undefined) flags.push("--target", step.target);
  for (const [key, value] of Object.entries(step.buildArgs ?? {}))
    flags.push("--build-arg", `${key}=${value}`);
  for (const [key, value] of Object.entries(step.labels ?? {}))
    flags.push("--label", `${key}=${value}`);
  if (step.dockerfile !== undefined) flags.push("-f", step.dockerfile);
  return flags;
}

/** Runs one case on the daemon at `host` and returns its normalised steps. */
export function recordCase(host: string, testCase: DiffCase): StepRecord[] {
  const dir = mkdtempSync(join(tmpdir(), `dd-${testCase.name}-`));
  const ids = new Placeholders();
  try {
    for (const [path, file] of Object.entries(testCase.files))
      writeContextFile(dir, path, materialize(file));
    const records: StepRecord[] = [];
    for (const step of testCase.steps) {
      const record = runStep(host, dir, step, ids);
      if (record !== undefined) records.push(record);
    }
    return records;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function writeContextFile(
  dir: string,
  path: string,
  file: { data: Uint8Array; mode: number; mtimeUs: number },
) {
  const full = join(dir, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, file.data);
  chmodSync(full, file.mode);
  const seconds = file.mtimeUs / 1_000_000;
  utimesSync(full, seconds, seconds);
}

function runStep(
  host: string,
  dir: string,
  step: CaseStep,
  ids: Placeholders,
): StepRecord | undefined {
  if (step.kind === "write") {
    if (step.content === null) rmSync(join(dir, step.path));
    else
      writeContextFile(dir, step.path, {
        data: new TextEncoder().encode(step.content),
        mode: step.mode ?? 0o644,
        mtimeUs: CONTEXT_MTIME_US,
      });
    return undefined;
  }
  if (step.kind === "touch") {
    const seconds = TOUCHED_MTIME_US / 1_000_000;
    utimesSync(join(dir, step.path), seconds, seconds);
    return undefined;
  }
  const args =
    step.kind === "build"
      ? [
          "build",
          // The CLI reads `-f` relative to its working directory, not to the context.
          ...buildFlags(
            step.dockerfile === undefined
              ? step
              : { ...step, dockerfile: join(dir, step.dockerfile) },
          ),
          step.stdinDockerfile === undefined ? dir : "-",
        ]
      : step.kind === "run"
        ? [
            "run",
            "--rm",
            ...(step.entrypoint === undefined ? [] : ["--entrypoint", step.entrypoint]),
            step.image,
            ...(step.cmd ?? []),
          ]
        : [...step.args];
  const result = dockerCli(host, args, step.kind === "build" ? step.stdinDockerfile : undefined);
  const stdout = normalizeLines(result.stdout, ids);
  const stderr = normalizeLines(result.stderr, ids);
  const base = { command: commandOf(step), exitCode: result.exitCode, stdout, stderr };
  if (step.kind !== "build" || result.exitCode !== 0 || step.tag === undefined) return base;
  return { ...base, images: imageChain(host, step.tag, ids) };
}

/** The built image and its parents, down to (not including) busybox's top image. */
function imageChain(host: string, tag: string, ids: Placeholders): ImageRecord[] {
  const busybox = inspect(host, "busybox:latest").Id as string;
  const records: ImageRecord[] = [];
  let id = inspect(host, tag).Id as string;
  const top = id;
  while (id !== "" && id !== busybox) {
    const image = inspect(host, id);
    records.push({
      id: ids.image(id),
      parent: ids.image(image.Parent as string),
      container: ids.container(image.Container as string),
      author: image.Author as string,
      config: normalizeConfig(image.Config, ids),
      containerConfig: normalizeConfig(image.ContainerConfig, ids),
      layerCount: ((image.RootFS as { Layers?: unknown[] }).Layers ?? []).length,
      ...(id === top ? { history: rawHistory(host, id) } : {}),
    });
    id = image.Parent as string;
  }
  return records;
}

function inspect(host: string, name: string): Record<string, unknown> {
  const result = dockerCli(host, ["image", "inspect", name]);
  return (JSON.parse(result.stdout) as Record<string, unknown>[])[0] ?? {};
}

/** `created_by` and `empty_layer` of every history entry, from the config bytes (`docker save`). */
function rawHistory(host: string, id: string): string[] {
  const saved = dockerCli(host, ["save", id]).raw;
  const name = `${id.replace(/^sha256:/, "")}.json`;
  const entry = readTar(new Uint8Array(saved)).find((e) => e.path === name);
  const config = JSON.parse(new TextDecoder().decode(entry?.data)) as {
    history: { created_by?: string; empty_layer?: boolean }[];
  };
  return config.history.map(
    (h) => `${h.empty_layer === true ? "(empty) " : ""}${h.created_by ?? ""}`,
  );
}

/** Removes every container and every image but busybox and its parents. */
export function resetDaemon(host: string): void {
  const containers = dockerCli(host, ["ps", "-aq"])
    .stdout.split("\n")
    .filter((line) => line !== "");
  if (containers.length > 0) dockerCli(host, ["rm", "-f", ...containers]);
  const keep = new Set<string>();
  for (let id = inspect(host, "busybox:latest").Id as string; id !== ""; ) {
    keep.add(id);
    id = inspect(host, id).Parent as string;
  }
  for (let round = 0; round < 20; round++) {
    const images = dockerCli(host, ["images", "-aq", "--no-trunc"])
      .stdout.split("\n")
      .filter((line) => line !== "" && !keep.has(line));
    if (images.length === 0) return;
    for (const image of new Set(images)) dockerCli(host, ["rmi", "-f", image]);
  }
}

export { CONTEXT_MTIME_US };
