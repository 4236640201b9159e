/**
 * Runs a differential case through a `CliDriver` (the real docker CLI on dockerd, or drydock's
 * client on its engine) and normalises what it printed; after a build that tagged an image,
 * reads that image and its parents back with `docker image inspect` and `docker save`, the same
 * commands on both sides.
 */
import { readTar } from "../../src/archive/tar-reader.ts";
import {
  CONTEXT_MTIME_US,
  type ContextFile,
  materialize,
  TOUCHED_MTIME_US,
} from "./case-context.ts";
import type { CliDriver, CliOutput } from "./cli-driver.ts";
import type { CaseStep, DiffCase, ImageRecord, StepRecord } from "./diff-case.ts";
import {
  normalizeConfig,
  normalizeCreatedBy,
  normalizeLines,
  normalizeTar,
  Placeholders,
} from "./normalize.ts";

const decoder = new TextDecoder();

/** The command line a step stands for, as the fixtures show it. */
export function commandOf(step: CaseStep): string {
  switch (step.kind) {
    case "write":
      return step.content === null ? `rm ${step.path}` : `write ${step.path}`;
    case "touch":
      return `touch ${step.path}`;
    case "layers":
      return `docker save ${step.image} (layers above busybox)`;
    default:
      return ["docker", ...argsOf(step)].join(" ");
  }
}

/** The docker CLI's arguments for a command step, run in the context directory. */
export function argsOf(
  step: Extract<CaseStep, { kind: "build" | "run" | "layers" | "cli" }>,
): string[] {
  switch (step.kind) {
    case "build":
      return ["build", ...buildFlags(step), step.stdinDockerfile === undefined ? "." : "-"];
    case "run":
      return [
        "run",
        "--rm",
        ...(step.entrypoint === undefined ? [] : ["--entrypoint", step.entrypoint]),
        step.image,
        ...(step.cmd ?? []),
      ];
    case "layers":
      return ["save", step.image];
    case "cli":
      return [...step.args];
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

/** Runs one case through `driver` and returns its normalised steps (writes and touches print nothing). */
export async function runCase(driver: CliDriver, testCase: DiffCase): Promise<StepRecord[]> {
  const ids = new Placeholders();
  const files = new Map<string, ContextFile>();
  const put = (path: string, file: ContextFile) => {
    files.set(path, file);
    driver.writeFile(path, file);
  };
  for (const [path, file] of Object.entries(testCase.files)) put(path, materialize(file));
  const busybox = await inspect(driver, "busybox:latest");
  const baseLayerCount = ((busybox.RootFS as { Layers?: unknown[] }).Layers ?? []).length;
  const records: StepRecord[] = [];
  for (const step of testCase.steps) {
    if (step.kind === "write") {
      if (step.content === null) {
        files.delete(step.path);
        driver.removeFile(step.path);
      } else {
        const data = new TextEncoder().encode(step.content);
        put(step.path, { data, mode: step.mode ?? 0o644, mtimeUs: CONTEXT_MTIME_US });
      }
      continue;
    }
    if (step.kind === "touch") {
      const file = files.get(step.path);
      if (file !== undefined) put(step.path, { ...file, mtimeUs: TOUCHED_MTIME_US });
      continue;
    }
    const stdin = step.kind === "build" ? step.stdinDockerfile : undefined;
    const result = await driver.docker(argsOf(step), stdin);
    const record =
      step.kind === "layers" && result.exitCode === 0
        ? { ...stepRecord(step, result, ids), stdout: layerListing(result.stdout, baseLayerCount) }
        : stepRecord(step, result, ids);
    if (step.kind !== "build" || result.exitCode !== 0 || step.tag === undefined) {
      records.push(record);
      continue;
    }
    const images = await imageChain(driver, { tag: step.tag, stopAt: busybox.Id as string, ids });
    records.push({ ...record, images });
  }
  return records;
}

function stepRecord(step: CaseStep, result: CliOutput, ids: Placeholders): StepRecord {
  const toArchive = step.kind === "cli" && step.args[0] === "cp" && step.args.at(-1) === "-";
  return {
    command: commandOf(step),
    exitCode: result.exitCode,
    stdout:
      toArchive && result.exitCode === 0
        ? normalizeTar(result.stdout)
        : normalizeLines(decoder.decode(result.stdout), ids),
    stderr: normalizeLines(result.stderr, ids),
  };
}

/** The entries of each layer of a saved image above the first `skip` (busybox's). */
function layerListing(saved: Uint8Array, skip: number): string[] {
  const files = new Map(readTar(saved).map((entry) => [entry.path, entry.data]));
  const manifest = JSON.parse(decoder.decode(files.get("manifest.json"))) as {
    Layers: string[];
  }[];
  return (manifest[0]?.Layers ?? [])
    .slice(skip)
    .flatMap((path, index) => [
      `layer ${skip + index + 1}:`,
      ...normalizeTar(files.get(path) ?? new Uint8Array(0)),
    ]);
}

/** The built image and its parents, down to (not including) busybox's top image. */
async function imageChain(
  driver: CliDriver,
  options: { tag: string; stopAt: string; ids: Placeholders },
): Promise<ImageRecord[]> {
  const { ids } = options;
  const records: ImageRecord[] = [];
  let id = (await inspect(driver, options.tag)).Id as string;
  const top = id;
  while (id !== "" && id !== options.stopAt) {
    const image = await inspect(driver, id);
    records.push({
      id: ids.image(id),
      parent: ids.image(image.Parent as string),
      container: ids.container(image.Container as string),
      author: image.Author as string,
      config: normalizeConfig(image.Config, ids),
      containerConfig: normalizeConfig(image.ContainerConfig, ids),
      layerCount: ((image.RootFS as { Layers?: unknown[] }).Layers ?? []).length,
      ...(id === top ? { history: await rawHistory(driver, id) } : {}),
    });
    id = image.Parent as string;
  }
  return records;
}

async function inspect(driver: CliDriver, name: string): Promise<Record<string, unknown>> {
  const result = await driver.docker(["image", "inspect", name]);
  if (result.exitCode !== 0) throw new Error(`docker image inspect ${name}: ${result.stderr}`);
  return (JSON.parse(decoder.decode(result.stdout)) as Record<string, unknown>[])[0] ?? {};
}

/** `created_by` and `empty_layer` of every history entry, from the config bytes (`docker save`). */
async function rawHistory(driver: CliDriver, id: string): Promise<string[]> {
  const saved = await driver.docker(["save", id]);
  if (saved.exitCode !== 0) throw new Error(`docker save ${id}: ${saved.stderr}`);
  const name = `${id.replace(/^sha256:/, "")}.json`;
  const entry = readTar(saved.stdout).find((e) => e.path === name);
  const config = JSON.parse(decoder.decode(entry?.data)) as {
    history: { created_by?: string; empty_layer?: boolean }[];
  };
  return config.history.map((h) =>
    normalizeCreatedBy(`${h.empty_layer === true ? "(empty) " : ""}${h.created_by ?? ""}`),
  );
}
