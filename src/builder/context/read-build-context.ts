import { decompress, dockerdCompression } from "../../archive/decompress.ts";
import { sniffCompression } from "../../archive/sniff-compression.ts";
import type { TarEntry } from "../../archive/tar-entry.ts";
import { readTar } from "../../archive/tar-reader.ts";
import type { BuildContextInput } from "../../engine/engine.ts";
import { isDrydockError } from "../../errors/drydock-error.ts";
import { BuildError } from "../build-error.ts";
import type { BuildLimits } from "../build-limits.ts";
import { BuildContext } from "./build-context.ts";
import { type GitContextOptions, gitContextEntries, isGitRemote } from "./git-context.ts";
import { type RawTarHeader, rawTarHeaders } from "./raw-tar-headers.ts";

/** Options of `readBuildContext`. */
export interface ReadContextOptions {
  /** The simulated instant: mtime of directories the archive implies, and of a git checkout. */
  readonly nowUs: number;
  readonly limits: BuildLimits;
  /** How `remote` git URLs reach repositories; without it a remote context is unreachable. */
  readonly git?: GitContextOptions;
}

/**
 * Turns what `POST /build` received into a context, as dockerd's `remotecontext.Detect` does:
 * the request body is a tar archive, plain or compressed (only gzip is decoded here), which
 * the client built (the CLI tars a directory, or wraps a Dockerfile read from stdin); a `remote`
 * is a git repository cloned at `#ref:subdir` (see `gitContextEntries`), or a URL the simulated
 * daemon cannot download.
 */
export async function readBuildContext(
  input: BuildContextInput,
  options: ReadContextOptions,
): Promise<BuildContext> {
  if (input.kind === "remote") {
    if (!isGitRemote(input.url, options.git)) throw unreachable(input.url);
    const { entries, headers } = await gitContextEntries(input.url, {
      git: options.git,
      nowUs: options.nowUs,
      limits: options.limits,
    });
    return BuildContext.fromEntries({ entries, headers, origin: "git", ...options });
  }
  // dockerd 20.10 decompresses a context as it does a layer: gzip, bzip2 or xz (zstd reads as a
  // plain tar there, and fails as one).
  const compression = dockerdCompression(sniffCompression(input.archive));
  const tar = decompress(input.archive, {
    compression,
    sizeBytesMax: options.limits.contextSizeBytesMax + 1024 * 1024,
  });
  const { entries, headers } = readContextTar(tar, options.limits);
  return BuildContext.fromEntries({
    entries,
    headers,
    origin: compression === "none" ? "tar" : `tar+${compression}`,
    ...options,
  });
}

function readContextTar(
  tar: Uint8Array,
  limits: BuildLimits,
): { entries: TarEntry[]; headers: RawTarHeader[] } {
  let entries: TarEntry[];
  try {
    entries = readTar(tar, {
      entryCountMax: limits.contextEntryCountMax,
      totalSizeBytesMax: limits.contextSizeBytesMax,
      fileSizeBytesMax: limits.contextSizeBytesMax,
    });
  } catch (error) {
    if (!isDrydockError(error) || error.code === "LimitExceeded") throw error;
    // Go's tar reader reports a body cut short (or a plain-text body) as `unexpected EOF`.
    const truncated = error.data.reason === "truncated";
    throw new BuildError(truncated ? "unexpected EOF" : error.message, {
      code: "Internal",
      cause: error,
    });
  }
  return { entries, headers: rawTarHeaders(tar) };
}

function unreachable(url: string): BuildError {
  const host = /^[a-z+]+:\/\/([^/:?#]*)/i.exec(url)?.[1] ?? url.split(/[/:]/)[0] ?? url;
  return new BuildError(`Get "${url}": dial tcp: lookup ${host}: no such host`, {
    code: "Internal",
    data: { url },
  });
}
