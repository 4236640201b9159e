import { sniffCompression } from "../../archive/sniff-compression.ts";
import { type TarEntry, tarEntry } from "../../archive/tar-entry.ts";
import { TarWriter } from "../../archive/tar-writer.ts";
import {
  contextExcludes,
  DockerignoreMatcher,
  parseDockerignore,
} from "../../builder/dockerignore.ts";
import { isDrydockError } from "../../errors/drydock-error.ts";
import { isFsError } from "../../errors/fs-error.ts";
import { LimitExceededError } from "../../errors/limit-exceeded-error.ts";
import { CliError } from "../cli-error.ts";
import type { HostFiles } from "../command-io.ts";

/** Bounds on a directory build context. */
export const BUILD_CONTEXT_LIMITS = {
  sizeBytesMax: 2 * 1024 * 1024 * 1024,
  entriesMax: 1_000_000,
  depthMax: 256,
};

/** A tar holding only a Dockerfile, as the CLI wraps a Dockerfile read from stdin. */
export function dockerfileTar(dockerfile: Uint8Array, name = "Dockerfile"): Uint8Array {
  const writer = new TarWriter();
  writer.add(tarEntry({ path: name, type: "file", mode: 0o600, data: dockerfile }));
  return withoutModeTypeBits(writer.finish());
}

/** Whether stdin holds an archive (compressed, or a tar header) rather than a Dockerfile. */
export function isArchive(bytes: Uint8Array): boolean {
  if (sniffCompression(bytes) !== "none") return true;
  if (bytes.length < 512) return false;
  const magic = new TextDecoder().decode(bytes.subarray(257, 262));
  if (magic === "ustar") return true;
  // An old-style (v7) header: the checksum must match.
  let sum = 0;
  for (let index = 0; index < 512; index++) sum += index >= 148 && index < 156 ? 32 : bytes[index]!;
  const recorded = Number.parseInt(
    new TextDecoder().decode(bytes.subarray(148, 156)).replace(/[\0 ]/g, ""),
    8,
  );
  return recorded === sum;
}

function relative(root: string, path: string): string {
  return path === root ? "" : path.slice(root === "/" ? 1 : root.length + 1);
}

/**
 * Tars a directory as the docker CLI sends a build context: `.dockerignore` applied with
 * Docker's matcher (the Dockerfile and `.dockerignore` themselves always sent), entries in
 * lexical walk order, owner 0:0, modes and mtimes from the host.
 */
export async function directoryContextTar(
  files: HostFiles,
  options: { root: string; dockerfile: string; dockerfileFromStdin?: boolean },
): Promise<Uint8Array> {
  let patterns: string[] = [];
  try {
    patterns = parseDockerignore(await files.readFile(`${options.root}/.dockerignore`));
  } catch (error) {
    if (!isFsError(error, "ENOENT")) throw error;
  }
  let matcher: DockerignoreMatcher;
  try {
    matcher = new DockerignoreMatcher(
      contextExcludes(patterns, {
        dockerfile: options.dockerfile,
        dockerfileFromStdin: options.dockerfileFromStdin === true,
      }),
    );
  } catch (error) {
    if (isDrydockError(error))
      throw new CliError({ status: `error checking context: ${error.message}`, exitCode: 1 });
    throw error;
  }
  const writer = new TarWriter({ sizeBytesMax: BUILD_CONTEXT_LIMITS.sizeBytesMax });
  const walk = new ContextWalk(files, matcher, writer, options.root);
  await walk.directory(options.root, 0);
  return withoutModeTypeBits(writer.finish());
}

const BLOCK = 512;
const latin1 = new TextDecoder("latin1");

/**
 * The CLI's context tar (Go ≥ 1.23's archive/tar) writes only permission bits in the mode field
 * (`0000644`), where layer tars carry the file type too (`0100644`): the headers are rewritten,
 * checksums included, in place.
 */
export function withoutModeTypeBits(tar: Uint8Array): Uint8Array {
  for (let at = 0; at + BLOCK <= tar.length; ) {
    const header = tar.subarray(at, at + BLOCK);
    if (header.every((byte) => byte === 0)) break;
    const size = Number.parseInt(
      latin1.decode(header.subarray(124, 136)).replace(/[\0 ]/g, "") || "0",
      8,
    );
    const typeflag = String.fromCharCode(header[156]!);
    if (!"xgLK".includes(typeflag)) {
      const mode = Number.parseInt(latin1.decode(header.subarray(100, 107)), 8) & 0o7777;
      writeAscii(header, 100, `${mode.toString(8).padStart(7, "0")}\0`);
      header.fill(0x20, 148, 156);
      const sum = header.reduce((total, byte) => total + byte, 0);
      writeAscii(header, 148, `${sum.toString(8).padStart(6, "0")}\0 `);
    }
    at += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
  }
  return tar;
}

function writeAscii(target: Uint8Array, offset: number, text: string): void {
  for (let index = 0; index < text.length; index++) target[offset + index] = text.charCodeAt(index);
}

class ContextWalk {
  #entries = 0;

  constructor(
    readonly files: HostFiles,
    readonly matcher: DockerignoreMatcher,
    readonly writer: TarWriter,
    readonly root: string,
  ) {}

  async directory(path: string, depth: number): Promise<void> {
    if (depth > BUILD_CONTEXT_LIMITS.depthMax) {
      throw new LimitExceededError({
        what: "build context directory depth",
        limit: BUILD_CONTEXT_LIMITS.depthMax,
      });
    }
    for (const name of await this.files.readDir(path)) {
      const full = `${path === "/" ? "" : path}/${name}`;
      const rel = relative(this.root, full);
      const stat = await this.files.lstat(full);
      const excluded = this.matcher.isExcluded(rel);
      if (stat.type === "directory") {
        if (!excluded) this.#add(await this.#entry(full, rel, stat));
        if (this.matcher.shouldDescend(rel)) await this.directory(full, depth + 1);
        continue;
      }
      if (!excluded && stat.type !== "other") this.#add(await this.#entry(full, rel, stat));
    }
  }

  #add(entry: TarEntry): void {
    if (++this.#entries > BUILD_CONTEXT_LIMITS.entriesMax) {
      throw new LimitExceededError({
        what: "build context entries",
        limit: BUILD_CONTEXT_LIMITS.entriesMax,
      });
    }
    this.writer.add(entry);
  }

  async #entry(
    full: string,
    rel: string,
    stat: Awaited<ReturnType<HostFiles["lstat"]>>,
  ): Promise<TarEntry> {
    const common = { path: rel, mode: stat.mode & 0o7777, mtimeUs: stat.mtimeUs };
    if (stat.type === "directory") return tarEntry({ ...common, type: "directory" });
    if (stat.type === "symlink")
      return tarEntry({ ...common, type: "symlink", linkTarget: await this.files.readLink(full) });
    return tarEntry({ ...common, type: "file", data: await this.files.readFile(full) });
  }
}
