import { parse as parseYaml } from "yaml";
import { DocReader } from "./doc-reader.ts";
import { readDifferences } from "./read-differences.ts";
import { type FileBudget, readFiles } from "./read-files.ts";
import { readSteps } from "./read-steps.ts";
import { readFaults, readHosts, readLinks, readRegistries, readShape } from "./read-world.ts";
import {
  DEFAULT_SCENARIO_LIMITS,
  type Scenario,
  type ScenarioFile,
  type ScenarioLimits,
} from "./scenario.ts";
import { ScenarioError } from "./scenario-error.ts";
import type { ScenarioSource } from "./scenario-source.ts";

const TOP_KEYS = [
  "name",
  "description",
  "seed",
  "hosts",
  "registries",
  "defaultLink",
  "links",
  "files",
  "faults",
  "steps",
  "differences",
];

/**
 * Reads a scenario file (YAML, or JSON, which is YAML too) into a `Scenario`, checking every
 * value: a mistake fails with a `ScenarioError` naming the file, the path and what was expected.
 */
export function readScenario(options: {
  file: string;
  source: ScenarioSource;
  limits?: Partial<ScenarioLimits>;
}): Scenario {
  const { file, source } = options;
  const limits = { ...DEFAULT_SCENARIO_LIMITS, ...options.limits };
  const text = source.readText(file);
  if (text === undefined)
    throw new ScenarioError({ file, path: "", message: "no such scenario file" });
  return parseScenario({ file, text, source, limits });
}

/** Parses and checks a scenario document's text (`file` names it in messages). */
export function parseScenario(options: {
  file: string;
  text: string;
  source: ScenarioSource;
  limits?: Partial<ScenarioLimits>;
}): Scenario {
  const { file, text, source } = options;
  const limits = { ...DEFAULT_SCENARIO_LIMITS, ...options.limits };
  if (text.length > limits.documentBytesMax)
    throw new ScenarioError({
      file,
      path: "",
      message: `a scenario file may hold at most ${limits.documentBytesMax} characters`,
    });
  let value: unknown;
  try {
    value = parseYaml(text, { maxAliasCount: 100, prettyErrors: true, uniqueKeys: true });
  } catch (error) {
    throw new ScenarioError({
      file,
      path: "",
      message: `not valid YAML: ${(error as Error).message}`,
    });
  }
  return readDocument(new DocReader({ file, path: "", value }), source, limits);
}

function readDocument(doc: DocReader, source: ScenarioSource, limits: ScenarioLimits): Scenario {
  doc.keys(TOP_KEYS);
  const name = doc.key("name").string({ nonEmpty: true, lengthMax: 100 });
  const description = doc.key("description").isMissing
    ? ""
    : doc.key("description").string({ lengthMax: 10_000 }).trim();
  const seed = doc.key("seed").isMissing
    ? 1
    : doc.key("seed").integer({ min: 0, max: 2 ** 32 - 1 });
  const hosts = readHosts(doc.key("hosts"), limits);
  const registries = readRegistries(doc.key("registries"), limits);
  const hostNames = hosts.map((host) => host.name);
  const registryNames = registries.map((registry) => registry.name);
  const names = { limits, hosts: hostNames, registries: registryNames };
  const budget: FileBudget = {
    count: 0,
    sizeBytes: 0,
    countMax: limits.fileCountMax,
    sizeBytesMax: limits.fileBytesMax,
  };
  const shared = doc.key("files").isMissing
    ? []
    : readFiles({ reader: doc.key("files"), source, budget });
  const files: Record<string, ScenarioFile[]> = {};
  for (const host of hostNames) {
    const own = doc.key("hosts").key(host);
    const extra =
      own.isMissing || own.key("files").isMissing
        ? []
        : readFiles({ reader: own.key("files"), source, budget });
    files[host] = merge(shared, extra);
  }
  const faults = readFaults(doc.key("faults"), names);
  const steps = readSteps(doc.key("steps"), { ...names, source, budget });
  return {
    file: doc.file,
    name,
    description,
    seed,
    world: {
      hosts,
      registries,
      links: readLinks(doc.key("links"), names),
      ...(doc.key("defaultLink").isMissing
        ? {}
        : { defaultLink: readShape(doc.key("defaultLink")) }),
      faults,
    },
    files,
    steps,
    differences: readDifferences(doc.key("differences"), {
      hosts: hostNames,
      stepCount: steps.length,
    }),
  };
}

/** Shared files, then a host's own, which win on the same path. */
function merge(shared: readonly ScenarioFile[], own: readonly ScenarioFile[]): ScenarioFile[] {
  const byPath = new Map<string, ScenarioFile>();
  for (const file of [...shared, ...own]) byPath.set(file.path, file);
  return [...byPath.values()];
}
