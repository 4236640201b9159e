import { canonicalJson } from "../../digest/canonical-json.ts";
import type { Finding } from "./declared-difference.ts";
import { historyRow } from "./normalize-history.ts";
import type { ObservedContainer, ObservedHost, ObservedImage } from "./observed-run.ts";

/** File differences reported per image or container; the rest are counted in one more finding. */
export const FILE_FINDING_COUNT_MAX = 40;

/** The image config fields compared (`docker image inspect` `.Config`). */
export const IMAGE_CONFIG_FIELDS: readonly string[] = [
  "Cmd",
  "Entrypoint",
  "Env",
  "WorkingDir",
  "Labels",
  "ExposedPorts",
  "User",
  "Volumes",
  "StopSignal",
  "Shell",
];

/** The container config fields compared (`docker container inspect` `.Config`). */
export const CONTAINER_CONFIG_FIELDS: readonly string[] = [
  "Image",
  "Cmd",
  "Entrypoint",
  "Env",
  "WorkingDir",
  "Labels",
  "User",
];

/** One host's final state, compared. */
export interface HostComparison {
  readonly host: string;
  readonly findings: readonly Finding[];
}

/**
 * Compares the hosts' final state: each host's image refs, and for an image on both sides its
 * config fields (`IMAGE_CONFIG_FIELDS`; a missing field and `null` are the same, as Go's
 * `omitempty` makes them), layer count, history (command and empty/non-empty layer) and files;
 * then containers (by name; generated names, which are random, are paired in creation order),
 * their config fields, state and files.
 */
export function compareHosts(
  sim: readonly ObservedHost[],
  docker: readonly ObservedHost[],
): HostComparison[] {
  const names = [...new Set([...sim, ...docker].map((host) => host.host))].sort();
  return names.map((host) => {
    const left = sim.find((h) => h.host === host) ?? { host, images: [], containers: [] };
    const right = docker.find((h) => h.host === host) ?? { host, images: [], containers: [] };
    return {
      host,
      findings: [
        ...compareImages(host, left.images, right.images),
        ...compareContainers(host, left.containers, right.containers),
      ],
    };
  });
}

function compareImages(
  host: string,
  sim: readonly ObservedImage[],
  docker: readonly ObservedImage[],
): Finding[] {
  const findings: Finding[] = [];
  const refs = [...new Set([...sim, ...docker].map((image) => image.ref))].sort();
  for (const ref of refs) {
    const left = sim.find((image) => image.ref === ref);
    const right = docker.find((image) => image.ref === ref);
    const subject = `image ${ref}`;
    if (left === undefined || right === undefined) {
      findings.push(presence(host, "image", subject, left !== undefined, right !== undefined));
      continue;
    }
    const inspect = { sim: record(left.inspect), docker: record(right.inspect) };
    findings.push(
      ...compareFields(
        host,
        "image",
        subject,
        configOf(inspect.sim),
        configOf(inspect.docker),
        IMAGE_CONFIG_FIELDS,
      ),
    );
    const layers = { sim: layerCount(inspect.sim), docker: layerCount(inspect.docker) };
    if (layers.sim !== layers.docker)
      findings.push({
        host,
        what: "image.layers",
        subject: `${subject} layers`,
        sim: layers.sim,
        docker: layers.docker,
      });
    findings.push(...compareHistory(host, subject, left.history, right.history));
    findings.push(...compareFiles(host, "image.files", subject, left.files, right.files));
  }
  return findings;
}

function compareHistory(
  host: string,
  subject: string,
  sim: readonly unknown[],
  docker: readonly unknown[],
): Finding[] {
  const findings: Finding[] = [];
  if (sim.length !== docker.length)
    findings.push({
      host,
      what: "image.history",
      subject: `${subject} history length`,
      sim: String(sim.length),
      docker: String(docker.length),
    });
  for (let index = 0; index < Math.min(sim.length, docker.length); index++) {
    const left = historyRow(sim[index]);
    const right = historyRow(docker[index]);
    for (const [field, key] of [
      ["created_by", "createdBy"],
      ["size", "size"],
    ] as const) {
      if (left[key] === right[key]) continue;
      findings.push({
        host,
        what: `image.history[${index}].${field}`,
        subject: `${subject} history[${index}].${field}`,
        sim: left[key],
        docker: right[key],
      });
    }
  }
  return findings;
}

function compareContainers(
  host: string,
  sim: readonly ObservedContainer[],
  docker: readonly ObservedContainer[],
): Finding[] {
  const findings: Finding[] = [];
  const left = keyed(sim);
  const right = keyed(docker);
  const keys = [...new Set([...left.keys(), ...right.keys()])].sort();
  for (const key of keys) {
    const a = left.get(key);
    const b = right.get(key);
    const subject = `container ${key}`;
    if (a === undefined || b === undefined) {
      findings.push(presence(host, "container", subject, a !== undefined, b !== undefined));
      continue;
    }
    const inspect = { sim: record(a.inspect), docker: record(b.inspect) };
    findings.push(
      ...compareFields(
        host,
        "container",
        subject,
        configOf(inspect.sim),
        configOf(inspect.docker),
        CONTAINER_CONFIG_FIELDS,
      ),
    );
    const state = { sim: record(inspect.sim.State), docker: record(inspect.docker.State) };
    findings.push(
      ...compareFields(
        host,
        "container",
        subject,
        state.sim,
        state.docker,
        ["Status", "ExitCode"],
        "state",
      ),
    );
    findings.push(...compareFiles(host, "container.files", subject, a.files, b.files));
  }
  return findings;
}

/** Containers by name; Docker's generated names (`adjective_name`) become `#1`, `#2`… in creation order. */
function keyed(containers: readonly ObservedContainer[]): Map<string, ObservedContainer> {
  const byKey = new Map<string, ObservedContainer>();
  const generated = containers
    .filter((c) => /^[a-z]+_[a-z]+\d*$/.test(c.name))
    .sort((a, b) => {
      const [x, y] = [
        String(record(a.inspect).Created ?? ""),
        String(record(b.inspect).Created ?? ""),
      ];
      return x < y ? -1 : x > y ? 1 : 0;
    });
  for (const container of containers)
    if (!generated.includes(container)) byKey.set(container.name, container);
  for (const [index, container] of generated.entries())
    byKey.set(`#${index + 1} (generated name)`, container);
  return byKey;
}

function compareFields(
  host: string,
  kind: "image" | "container",
  subject: string,
  sim: Readonly<Record<string, unknown>>,
  docker: Readonly<Record<string, unknown>>,
  fields: readonly string[],
  section = "config",
): Finding[] {
  const findings: Finding[] = [];
  for (const field of fields) {
    const left = canonicalJson(sim[field] ?? null);
    const right = canonicalJson(docker[field] ?? null);
    if (left !== right)
      findings.push({
        host,
        what: `${kind}.${section}.${field}`,
        subject: `${subject} ${section}.${field}`,
        sim: left,
        docker: right,
      });
  }
  return findings;
}

function compareFiles(
  host: string,
  what: "image.files" | "container.files",
  subject: string,
  sim: readonly string[],
  docker: readonly string[],
): Finding[] {
  const left = byPath(sim);
  const right = byPath(docker);
  const paths = [...new Set([...left.keys(), ...right.keys()])].sort();
  const findings: Finding[] = [];
  let more = 0;
  for (const path of paths) {
    const a = left.get(path) ?? "(absent)";
    const b = right.get(path) ?? "(absent)";
    if (a === b) continue;
    if (findings.length >= FILE_FINDING_COUNT_MAX) more++;
    else findings.push({ host, what, subject: `${subject} file ${path}`, sim: a, docker: b });
  }
  if (more > 0)
    findings.push({
      host,
      what,
      subject: `${subject} files`,
      sim: `${more} more differences`,
      docker: "",
    });
  return findings;
}

/** File lines (`path<TAB>details`, see `exportFiles`) by path. */
function byPath(lines: readonly string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of lines) {
    const tab = line.indexOf("\t");
    map.set(tab < 0 ? line : line.slice(0, tab), tab < 0 ? "" : line.slice(tab + 1));
  }
  return map;
}

function presence(
  host: string,
  what: string,
  subject: string,
  sim: boolean,
  docker: boolean,
): Finding {
  return {
    host,
    what,
    subject,
    sim: sim ? "present" : "absent",
    docker: docker ? "present" : "absent",
  };
}

function configOf(inspect: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  const config = record(inspect.Config);
  // A container made from an image ID (a build's failed RUN) names it by ID, which differs by
  // design (drydock's busybox is not Debian's); a name stays as it is.
  return typeof config.Image === "string" && /^sha256:[0-9a-f]{64}$/.test(config.Image)
    ? { ...config, Image: "<image ID>" }
    : config;
}

function layerCount(inspect: Readonly<Record<string, unknown>>): string {
  const layers = record(inspect.RootFS).Layers;
  return Array.isArray(layers) ? String(layers.length) : "(none)";
}

function record(value: unknown): Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
