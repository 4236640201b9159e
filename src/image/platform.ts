import type { FieldReader } from "./json-reader.ts";

/** An OS/architecture pair with the refinements OCI and Docker record in indexes and configs. */
export interface Platform {
  readonly architecture: string;
  readonly os: string;
  readonly osVersion?: string;
  readonly osFeatures?: readonly string[];
  readonly variant?: string;
  /** Docker manifest lists only (`PlatformSpec.Features`); OCI has no such member. */
  readonly features?: readonly string[];
}

/** linux/amd64: what drydock's simulated hosts are. */
export const DEFAULT_PLATFORM: Platform = Object.freeze({ architecture: "amd64", os: "linux" });

/** Reads a `platform` object (the reader is positioned on it). */
export function readPlatform(reader: FieldReader): Platform {
  const platform: Platform = {
    architecture: reader.requiredString("architecture"),
    os: reader.requiredString("os"),
    osVersion: reader.string("os.version"),
    osFeatures: reader.stringArray("os.features") ?? undefined,
    variant: reader.string("variant"),
    features: reader.stringArray("features") ?? undefined,
  };
  return Object.freeze(dropUndefined(platform));
}

/** The JSON members of a platform, in Go struct order, with `omitempty` applied. */
export function platformJson(
  platform: Platform,
  dialect: "docker" | "oci",
): Record<string, unknown> {
  return {
    architecture: platform.architecture,
    os: platform.os,
    "os.version": nonEmpty(platform.osVersion),
    "os.features": nonEmptyArray(platform.osFeatures),
    variant: nonEmpty(platform.variant),
    features: dialect === "docker" ? nonEmptyArray(platform.features) : undefined,
  };
}

const ARCH_ALIASES: Readonly<Record<string, { architecture: string; variant?: string }>> = {
  x86_64: { architecture: "amd64" },
  "x86-64": { architecture: "amd64" },
  i386: { architecture: "386" },
  aarch64: { architecture: "arm64" },
  armhf: { architecture: "arm", variant: "v7" },
  armel: { architecture: "arm", variant: "v6" },
};

/** The variant an architecture has when none is written. */
const DEFAULT_VARIANT: Readonly<Record<string, string>> = { amd64: "v1", arm64: "v8", arm: "v7" };

/** Architectures whose variants form a backwards-compatible ladder (v3 runs v2 and v1 code). */
const VARIANT_LADDERS: Readonly<Record<string, readonly string[]>> = {
  amd64: ["v1", "v2", "v3", "v4"],
  arm64: ["v8", "v8.1", "v8.2", "v8.3", "v8.4", "v8.5", "v8.6", "v8.7", "v8.8", "v8.9", "v9"],
  arm: ["v5", "v6", "v7", "v8"],
};

/**
 * Normalises aliases the way containerd does: `x86_64` → `amd64`, `aarch64` → `arm64`,
 * `armhf` → `arm/v7`, bare variant numbers `7` → `v7`, a missing variant → the default one
 * (`amd64` → `v1`, `arm64` → `v8`, `arm` → `v7`), OS lower-cased.
 */
export function normalizePlatform(platform: Platform): Platform {
  const os = platform.os.toLowerCase() === "macos" ? "darwin" : platform.os.toLowerCase();
  const alias = ARCH_ALIASES[platform.architecture.toLowerCase()];
  const architecture = alias?.architecture ?? platform.architecture.toLowerCase();
  let variant = platform.variant ?? alias?.variant ?? "";
  if (/^\d/.test(variant)) variant = `v${variant}`;
  if (variant === "") variant = DEFAULT_VARIANT[architecture] ?? "";
  return Object.freeze({
    ...platform,
    os,
    architecture,
    variant: variant === "" ? undefined : variant,
  });
}

/**
 * How well `candidate` serves a host of platform `wanted`: undefined if it cannot run there,
 * otherwise a rank where 0 is an exact match and higher numbers are older compatible variants.
 */
export function platformRank(candidate: Platform, wanted: Platform): number | undefined {
  const have = normalizePlatform(candidate);
  const want = normalizePlatform(wanted);
  if (have.os !== want.os || have.architecture !== want.architecture) return undefined;
  if (have.variant === want.variant) return 0;
  const ladder = VARIANT_LADDERS[want.architecture];
  if (ladder === undefined) return undefined;
  const haveIndex = ladder.indexOf(have.variant ?? "");
  const wantIndex = ladder.indexOf(want.variant ?? "");
  if (haveIndex < 0 || wantIndex < 0 || haveIndex > wantIndex) return undefined;
  return wantIndex - haveIndex;
}

/** `linux/amd64`, `linux/arm64/v8`: the form `--platform` takes and Docker's errors print. */
export function formatPlatform(platform: Platform): string {
  const variant =
    platform.variant === undefined || platform.variant === "" ? "" : `/${platform.variant}`;
  return `${platform.os}/${platform.architecture}${variant}`;
}

/** Parses `os/arch[/variant]`; undefined if the text has another shape. */
export function parsePlatformSpecifier(text: string): Platform | undefined {
  const parts = text.split("/");
  if (parts.length < 2 || parts.length > 3 || parts.some((part) => part === "")) return undefined;
  const [os, architecture, variant] = parts as [string, string, string | undefined];
  return Object.freeze(dropUndefined({ os, architecture, variant }));
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}

function nonEmptyArray(value: readonly string[] | undefined): readonly string[] | undefined {
  return value === undefined || value.length === 0 ? undefined : value;
}

/** Removes members whose value is undefined, so frozen values compare cleanly in tests. */
export function dropUndefined<T extends object>(value: T): T {
  // A plain loop: this runs on every config and history entry read, and the entries/fromEntries
  // round trip allocated an array per member.
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined) continue;
    // An own "__proto__" member stays a member, as Object.fromEntries makes it.
    if (key === "__proto__")
      Object.defineProperty(out, key, {
        value: item,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else out[key] = item;
  }
  return out as T;
}
