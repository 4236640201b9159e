/**
 * Docker's reference grammar (distribution/reference), one production per constant:
 *
 * ```
 * reference        := name [ ":" tag ] [ "@" digest ]
 * name             := [domain '/'] path-component ['/' path-component]*
 * domain           := host [':' port-number]
 * host             := domain-name | "[" IPv6address "]"      (IPv6: newer grammar only)
 * domain-name      := domain-component ['.' domain-component]*
 * domain-component := /([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])/
 * port-number      := /[0-9]+/
 * path-component   := alpha-numeric [separator alpha-numeric]*
 * alpha-numeric    := /[a-z0-9]+/
 * separator        := /[_.]|__|[-]+/
 * tag              := /[\w][\w.-]{0,127}/
 * digest           := algorithm ":" /[0-9a-fA-F]{32,}/
 * identifier       := /[a-f0-9]{64}/
 * ```
 *
 * Each regular expression matches one component, never a whole reference, and has no nested
 * ambiguous repetition, so matching is linear. (The older grammar wrote the separator
 * `[-]*`, which accepts the same language but backtracks exponentially in a JavaScript engine.)
 */

/** A path component: lower-case alphanumerics joined by `.`, `_`, `__` or dashes. */
export const PATH_COMPONENT: RegExp = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;

/** A host name: dot-separated labels of letters, digits and inner dashes (upper case allowed). */
const DOMAIN_NAME =
  /^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*$/;

const IPV6_HOST = /^\[[a-fA-F0-9:]+\]$/;

const PORT = /^[0-9]+$/;

/** A tag: a word character, then up to 127 word characters, dots and dashes. */
export const TAG: RegExp = /^[\w][\w.-]{0,127}$/;

/** A digest as the reference grammar accepts it (validated further by the digest rules). */
export const REFERENCE_DIGEST: RegExp =
  /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;

/** 64 lower-case hex digits: an image ID, which may not be used as a repository name. */
export const IDENTIFIER: RegExp = /^[a-f0-9]{64}$/;

/** True if `text` is a valid domain (host with optional port). IPv6 hosts only if `ipv6`. */
export function isDomain(text: string, options: { ipv6: boolean }): boolean {
  let host = text;
  const bracketEnd = text.lastIndexOf("]");
  const colon = text.lastIndexOf(":");
  if (colon > bracketEnd) {
    if (!PORT.test(text.slice(colon + 1))) return false;
    host = text.slice(0, colon);
  }
  if (host.startsWith("[")) return options.ipv6 && IPV6_HOST.test(host);
  return DOMAIN_NAME.test(host);
}

/** Lengths of the hex part of the digest algorithms go-digest knows. */
const DIGEST_HEX_LENGTH: Readonly<Record<string, number>> = { sha256: 64, sha384: 96, sha512: 128 };

/**
 * Validates a digest as go-digest does, returning Docker's error text or undefined if valid:
 * `invalid checksum digest format`, `unsupported digest algorithm`,
 * `invalid checksum digest length`.
 */
export function digestProblem(text: string): string | undefined {
  const colon = text.indexOf(":");
  if (colon <= 0 || colon + 1 === text.length) return "invalid checksum digest format";
  const algorithm = text.slice(0, colon);
  const hex = text.slice(colon + 1);
  const length = DIGEST_HEX_LENGTH[algorithm];
  if (length === undefined) {
    return /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/.test(text)
      ? "unsupported digest algorithm"
      : "invalid checksum digest format";
  }
  if (hex.length !== length) return "invalid checksum digest length";
  return /^[a-f0-9]+$/.test(hex) ? undefined : "invalid checksum digest format";
}
