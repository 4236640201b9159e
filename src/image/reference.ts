import { InvalidReferenceError, type InvalidReferenceReason } from "./invalid-reference-error.ts";
import {
  digestProblem,
  IDENTIFIER,
  isDomain,
  PATH_COMPONENT,
  REFERENCE_DIGEST,
  TAG,
} from "./reference-grammar.ts";

/**
 * Which implementation of the grammar to mimic. They differ, and the differences show:
 *
 * - `dockerd`: dockerd 20.10 (docker/distribution v2.7). No IPv6 hosts; a first component is a
 *   domain only if it contains `.` or `:` or is `localhost`; the 255-character limit applies to
 *   the whole normalised name; upper case → `invalid reference format: repository name must be
 *   lowercase`.
 * - `cli`: the docker CLI 28.2 (distribution/reference v0.6). `[::1]:5000/x` is valid; a first
 *   component with upper case is a domain (`Foo/bar`); the limit applies to the path only;
 *   upper case → `invalid reference format: repository name (library/Foo) must be lowercase`.
 */
export type ReferenceDialect = "dockerd" | "cli";

/** Options shared by the parsers. */
export interface ReferenceOptions {
  /** Default `dockerd`: the simulated daemon is modelled on dockerd 20.10. */
  readonly dialect?: ReferenceDialect;
}

/** A reference with a repository name: `domain/path[:tag][@digest]`. */
export interface NamedReference {
  readonly kind: "named";
  /** `docker.io`, `localhost:5000`; "" only for references parsed without normalisation. */
  readonly domain: string;
  /** `library/busybox`, `user/app`. */
  readonly path: string;
  readonly tag?: string;
  /** `sha256:…` (sha384 and sha512 digests are valid references too). */
  readonly digest?: string;
}

/** A bare digest (`sha256:…`, or 64 hex digits): how a user names an image by ID. */
export interface DigestReference {
  readonly kind: "digest";
  readonly digest: string;
}

/** Docker Hub's canonical domain and the legacy spelling normalised to it. */
export const DEFAULT_DOMAIN = "docker.io";
const LEGACY_DEFAULT_DOMAIN = "index.docker.io";
const OFFICIAL_REPOSITORY_PREFIX = "library/";
/** distribution's `NameTotalLengthMax`. */
export const NAME_LENGTH_MAX = 255;
/** Longer input is refused before any matching (a valid reference is far shorter). */
const INPUT_LENGTH_MAX = 4096;
/** The tag a bare name means. */
export const DEFAULT_TAG = "latest";

function fail(reference: string, reason: InvalidReferenceReason, message?: string): never {
  throw new InvalidReferenceError({ reference, reason, message: message ?? MESSAGES[reason] });
}

const MESSAGES: Readonly<Record<InvalidReferenceReason, string>> = {
  format: "invalid reference format",
  uppercase: "repository name must be lowercase",
  "name-too-long": `repository name must not be more than ${NAME_LENGTH_MAX} characters`,
  "hex-name": "invalid repository name, cannot specify 64-byte hexadecimal strings",
  "empty-name": "repository name must have at least one component",
  digest: "invalid checksum digest format",
  "tag-format": "invalid tag format",
  "digest-format": "invalid digest format",
};

interface Split {
  readonly name: string;
  readonly tag?: string;
  readonly digest?: string;
}

/** Splits `name[:tag][@digest]` structurally; undefined if the shape or a component is wrong. */
function match(
  text: string,
  dialect: ReferenceDialect,
): (Split & { domain: string; path: string }) | undefined {
  const at = text.indexOf("@");
  const digest = at < 0 ? undefined : text.slice(at + 1);
  if (digest !== undefined && !REFERENCE_DIGEST.test(digest)) return undefined;
  const nameAndTag = at < 0 ? text : text.slice(0, at);
  const colon = nameAndTag.lastIndexOf(":");
  const hasTag = colon >= 0 && !nameAndTag.slice(colon + 1).includes("/");
  const tag = hasTag ? nameAndTag.slice(colon + 1) : undefined;
  if (tag !== undefined && !TAG.test(tag)) return undefined;
  const name = hasTag ? nameAndTag.slice(0, colon) : nameAndTag;
  const components = name.split("/");
  const ipv6 = dialect === "cli";
  const rest = components.slice(1);
  if (
    components.length > 1 &&
    isDomain(components[0]!, { ipv6 }) &&
    rest.every((part) => PATH_COMPONENT.test(part))
  ) {
    return { name, tag, digest, domain: components[0]!, path: rest.join("/") };
  }
  if (!components.every((part) => PATH_COMPONENT.test(part))) return undefined;
  return { name, tag, digest, domain: "", path: name };
}

/**
 * Parses a reference without normalising it (distribution's `Parse`): `busybox` stays
 * `busybox`, with no domain. A registry uses this for repository names; users' input goes
 * through `parseNormalizedNamed`.
 */
export function parseReference(text: string, options: ReferenceOptions = {}): NamedReference {
  const dialect = options.dialect ?? "dockerd";
  if (text.length > INPUT_LENGTH_MAX) fail(text, "format");
  const found = match(text, dialect);
  if (found === undefined) {
    if (text === "") fail(text, "empty-name");
    fail(text, match(text.toLowerCase(), dialect) === undefined ? "format" : "uppercase");
  }
  const measured = dialect === "dockerd" ? found.name : found.path;
  if (measured.length > NAME_LENGTH_MAX) fail(text, "name-too-long");
  if (found.digest !== undefined) {
    const problem = digestProblem(found.digest);
    if (problem !== undefined) fail(text, "digest", problem);
  }
  return freezeNamed({
    domain: found.domain,
    path: found.path,
    tag: found.tag,
    digest: found.digest,
  });
}

/**
 * Parses what a user typed and normalises it as Docker does: `busybox` →
 * `docker.io/library/busybox`, `user/app` → `docker.io/user/app`, `index.docker.io/x` →
 * `docker.io/library/x`. No default tag is added (see `withDefaultTag`).
 */
export function parseNormalizedNamed(text: string, options: ReferenceOptions = {}): NamedReference {
  const dialect = options.dialect ?? "dockerd";
  if (text.length > INPUT_LENGTH_MAX) fail(text, "format");
  if (IDENTIFIER.test(text)) {
    fail(
      text,
      "hex-name",
      `invalid repository name (${text}), cannot specify 64-byte hexadecimal strings`,
    );
  }
  const { domain, remainder } = splitDockerDomain(text, dialect);
  const tagSeparator = remainder.indexOf(":");
  const remote = tagSeparator < 0 ? remainder : remainder.slice(0, tagSeparator);
  if (remote.toLowerCase() !== remote) {
    const detail =
      dialect === "cli"
        ? `repository name (${remote}) must be lowercase`
        : "repository name must be lowercase";
    fail(text, "uppercase", `invalid reference format: ${detail}`);
  }
  try {
    return parseReference(`${domain}/${remainder}`, { dialect });
  } catch (error) {
    if (!(error instanceof InvalidReferenceError)) throw error;
    throw new InvalidReferenceError({
      reference: text,
      reason: error.reason,
      message: error.message,
    });
  }
}

function splitDockerDomain(
  text: string,
  dialect: ReferenceDialect,
): { domain: string; remainder: string } {
  const slash = text.indexOf("/");
  const first = slash < 0 ? "" : text.slice(0, slash);
  const looksLikeDomain =
    slash >= 0 &&
    (/[.:]/.test(first) ||
      first === "localhost" ||
      (dialect === "cli" && first.toLowerCase() !== first));
  let domain = looksLikeDomain ? first : DEFAULT_DOMAIN;
  let remainder = looksLikeDomain ? text.slice(slash + 1) : text;
  if (domain === LEGACY_DEFAULT_DOMAIN) domain = DEFAULT_DOMAIN;
  if (domain === DEFAULT_DOMAIN && !remainder.includes("/"))
    remainder = `${OFFICIAL_REPOSITORY_PREFIX}${remainder}`;
  return { domain, remainder };
}

/**
 * Parses how a user names an image for inspect, run or rmi (distribution's
 * `ParseAnyReference`): 64 hex digits or a full `sha256:…` digest is an ID, anything else a
 * normalised name.
 */
export function parseAnyReference(
  text: string,
  options: ReferenceOptions = {},
): NamedReference | DigestReference {
  if (IDENTIFIER.test(text)) return Object.freeze({ kind: "digest", digest: `sha256:${text}` });
  if (digestProblem(text) === undefined) return Object.freeze({ kind: "digest", digest: text });
  return parseNormalizedNamed(text, options);
}

function freezeNamed(fields: {
  domain: string;
  path: string;
  tag?: string;
  digest?: string;
}): NamedReference {
  const reference: { -readonly [K in keyof NamedReference]: NamedReference[K] } = {
    kind: "named",
    domain: fields.domain,
    path: fields.path,
  };
  if (fields.tag !== undefined) reference.tag = fields.tag;
  if (fields.digest !== undefined) reference.digest = fields.digest;
  return Object.freeze(reference);
}

/** The repository name: `docker.io/library/busybox`. */
export function referenceName(reference: NamedReference): string {
  return reference.domain === "" ? reference.path : `${reference.domain}/${reference.path}`;
}

/** The full string: `docker.io/library/busybox:latest`, `localhost:5000/a@sha256:…`. */
export function formatReference(reference: NamedReference | DigestReference): string {
  if (reference.kind === "digest") return reference.digest;
  return withSuffix(referenceName(reference), reference);
}

/** The name as users write it: `docker.io/library/busybox` → `busybox`, `docker.io/u/a` → `u/a`. */
export function familiarName(reference: NamedReference): string {
  if (reference.domain !== DEFAULT_DOMAIN) return referenceName(reference);
  const parts = reference.path.split("/");
  return parts.length === 2 && parts[0] === "library" ? parts[1]! : reference.path;
}

/** The whole reference as users write it: `busybox:latest`, `localhost:5000/a:1`. */
export function familiarString(reference: NamedReference | DigestReference): string {
  if (reference.kind === "digest") return reference.digest;
  return withSuffix(familiarName(reference), reference);
}

function withSuffix(name: string, reference: NamedReference): string {
  const tag = reference.tag === undefined ? "" : `:${reference.tag}`;
  const digest = reference.digest === undefined ? "" : `@${reference.digest}`;
  return `${name}${tag}${digest}`;
}

/** True if the reference has neither tag nor digest. */
export function isNameOnly(reference: NamedReference): boolean {
  return reference.tag === undefined && reference.digest === undefined;
}

/** Adds `:latest` to a bare name (distribution's `TagNameOnly`); tagged or digested refs are unchanged. */
export function withDefaultTag(reference: NamedReference): NamedReference {
  return isNameOnly(reference) ? freezeNamed({ ...reference, tag: DEFAULT_TAG }) : reference;
}

/** The reference with its tag replaced (the digest is dropped); `invalid tag format` if bad. */
export function withTag(reference: NamedReference, tag: string): NamedReference {
  if (!TAG.test(tag)) fail(tag, "tag-format");
  return freezeNamed({ domain: reference.domain, path: reference.path, tag });
}

/** The reference with a digest (the tag is kept, as distribution's `WithDigest` does). */
export function withDigest(reference: NamedReference, digest: string): NamedReference {
  if (!REFERENCE_DIGEST.test(digest) || digestProblem(digest) !== undefined)
    fail(digest, "digest-format");
  return freezeNamed({
    domain: reference.domain,
    path: reference.path,
    tag: reference.tag,
    digest,
  });
}

/** Only the repository name, without tag or digest. */
export function trimToName(reference: NamedReference): NamedReference {
  return freezeNamed({ domain: reference.domain, path: reference.path });
}
