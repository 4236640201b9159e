import type { DockerfileDialect } from "./ast.ts";
import type { FlagSpec } from "./build-flags.ts";

/**
 * The flags each instruction accepts (lower-case keyword → specs), in the order Docker
 * registers them. Instructions not listed accept none. `buildkitOnly` flags are BuildKit's
 * (Dockerfile frontend 1.x); Docker 20.10's classic builder has the others.
 */
export const INSTRUCTION_FLAGS: Readonly<Record<string, readonly FlagSpec[]>> = {
  add: [
    { name: "chown", type: "string" },
    { name: "chmod", type: "string", refusedByClassicAtRun: true },
    { name: "link", type: "bool", buildkitOnly: true },
    { name: "keep-git-dir", type: "bool", buildkitOnly: true },
    { name: "checksum", type: "string", buildkitOnly: true },
    { name: "unpack", type: "bool", buildkitOnly: true },
    { name: "exclude", type: "strings", buildkitOnly: true },
  ],
  copy: [
    { name: "chown", type: "string" },
    { name: "from", type: "string" },
    { name: "chmod", type: "string", refusedByClassicAtRun: true },
    { name: "link", type: "bool", buildkitOnly: true },
    { name: "exclude", type: "strings", buildkitOnly: true },
    { name: "parents", type: "bool", buildkitOnly: true },
  ],
  from: [{ name: "platform", type: "string" }],
  healthcheck: [
    { name: "interval", type: "string" },
    { name: "timeout", type: "string" },
    { name: "start-period", type: "string" },
    { name: "start-interval", type: "string", buildkitOnly: true },
    { name: "retries", type: "string" },
  ],
  run: [
    { name: "mount", type: "strings", refusedByClassicAtRun: true },
    { name: "network", type: "string", buildkitOnly: true },
    { name: "security", type: "string", buildkitOnly: true },
  ],
};

/** The flags `keyword` (lower-case) accepts in `dialect`. */
export function flagSpecsFor(keyword: string, dialect: DockerfileDialect): readonly FlagSpec[] {
  const specs = INSTRUCTION_FLAGS[keyword] ?? [];
  return dialect === "classic" ? specs.filter((spec) => spec.buildkitOnly !== true) : specs;
}

/**
 * `--name` of each used flag Docker 20.10 cannot honour (unknown to it, or refused when the step
 * runs), for `buildkitFeatures`.
 */
export function buildkitOnlyFlags(keyword: string, used: readonly string[]): string[] {
  const specs = INSTRUCTION_FLAGS[keyword] ?? [];
  const isBuildkit = (spec: FlagSpec): boolean =>
    spec.buildkitOnly === true || spec.refusedByClassicAtRun === true;
  return used
    .filter((name) => specs.some((spec) => spec.name === name && isBuildkit(spec)))
    .map((name) => `--${name}`);
}
