import git, { type FsClient } from "isomorphic-git";
import { EMPTY_BYTES, type TarEntry } from "../../archive/tar-entry.ts";
import { LimitExceededError } from "../../errors/limit-exceeded-error.ts";
import { BuildError } from "../build-error.ts";
import type { BuildLimits } from "../build-limits.ts";
import type { RawTarHeader } from "./raw-tar-headers.ts";

/** How the builder reaches git repositories for `remote` contexts. */
export interface GitContextOptions {
  /** An isomorphic-git filesystem: node's `fs` for a CLI on a real disk, memfs in a simulation. */
  readonly fs: FsClient;
  /**
   * The repository directory (in `fs`) a remote names, fragment removed; undefined when
   * unreachable. Default: a `file://` URL or an absolute path names a directory of `fs`.
   */
  readonly resolveRepository?: (remote: string) => string | undefined;
}

/** A remote git context split as dockerd splits it: `<remote>#<ref>:<subdir>`. */
export interface GitRemote {
  readonly remote: string;
  /** `master` when the fragment names none, as dockerd 20.10 defaults. */
  readonly ref: string;
  readonly subdir: string;
}

/** Splits a remote context URL at `#` and `:`; a ref starting with `-` is refused as by dockerd. */
export function parseGitRemote(url: string): GitRemote {
  const hash = url.indexOf("#");
  const remote = hash < 0 ? url : url.slice(0, hash);
  const fragment = hash < 0 ? "" : url.slice(hash + 1);
  const colon = fragment.indexOf(":");
  const ref = colon < 0 ? fragment : fragment.slice(0, colon);
  const subdir = colon < 0 ? "" : fragment.slice(colon + 1);
  if (ref.startsWith("-")) throw new BuildError(`invalid refspec: ${ref}`);
  return { remote, ref: ref === "" ? "master" : ref, subdir };
}

/** Docker's `IsGitURL`, plus local repositories (`file://`, absolute paths) when git is set up. */
export function isGitRemote(url: string, options: GitContextOptions | undefined): boolean {
  if (/^(git:\/\/|github\.com\/|git@)/.test(url)) return true;
  if (/^https?:\/\//.test(url) && /\.git(?:#.+)?$/.test(url)) return true;
  return options !== undefined && repositoryDir(parseGitRemote(url).remote, options) !== undefined;
}

function repositoryDir(remote: string, options: GitContextOptions): string | undefined {
  if (options.resolveRepository !== undefined) return options.resolveRepository(remote);
  if (remote.startsWith("file://")) return remote.slice("file://".length);
  return remote.startsWith("/") ? remote : undefined;
}

const SHA1 = /^[0-9a-f]{40}$/;

/**
 * A git context as dockerd makes one (`MakeGitContext`): the repository at `ref` (branch, tag or
 * commit), from `subdir` when the fragment names one, as the entries of the tar dockerd builds
 * from its checkout — files 0644/0755, links as links, owned by root, all stamped `nowUs`, the
 * headers with Go's file-type bits. Objects are read with isomorphic-git, which has no local
 * transport, so nothing is cloned. Unlike dockerd, `.git` is not part of the context, and
 * submodules are empty directories.
 */
export async function gitContextEntries(
  url: string,
  options: { git: GitContextOptions | undefined; nowUs: number; limits: BuildLimits },
): Promise<{ entries: TarEntry[]; headers: RawTarHeader[] }> {
  const parsed = parseGitRemote(url);
  const dir = options.git === undefined ? undefined : repositoryDir(parsed.remote, options.git);
  if (options.git === undefined || dir === undefined) {
    const host = /^[a-z+]+:\/\/([^/:]*)/i.exec(parsed.remote)?.[1] ?? parsed.remote;
    throw new BuildError(
      `error fetching: fatal: unable to access '${parsed.remote}/': Could not resolve host: ${host}`,
      { code: "Internal", data: { url } },
    );
  }
  const fs = options.git.fs;
  const commit = await resolveCommit(fs, dir, parsed.ref);
  const root = await subtree(fs, dir, commit, parsed.subdir);
  const collector = new GitCollector({ fs, dir, nowUs: options.nowUs, limits: options.limits });
  await collector.walk(root, "");
  return { entries: collector.entries, headers: collector.headers };
}

async function resolveCommit(fs: FsClient, dir: string, ref: string): Promise<string> {
  let oid: string;
  try {
    oid = SHA1.test(ref) ? ref : await git.resolveRef({ fs, dir, ref });
  } catch {
    throw new BuildError(`error fetching: fatal: couldn't find remote ref ${ref}`, {
      code: "Internal",
      data: { ref },
    });
  }
  // A tag may point at another tag; peel until a commit (or a tree) is reached.
  for (let depth = 0; depth < 16; depth++) {
    const object = await git.readObject({ fs, dir, oid, format: "parsed" });
    if (object.type === "commit") return (await git.readCommit({ fs, dir, oid })).commit.tree;
    if (object.type === "tag") oid = (await git.readTag({ fs, dir, oid })).tag.object;
    else if (object.type === "tree") return oid;
    else break;
  }
  throw new BuildError(`error checking out ${ref}: not a commit`, { code: "Internal" });
}

async function subtree(fs: FsClient, dir: string, tree: string, subdir: string): Promise<string> {
  let oid = tree;
  for (const name of subdir.split("/").filter((part) => part !== "" && part !== ".")) {
    const { tree: entries } = await git.readTree({ fs, dir, oid });
    const entry = entries.find((item) => item.path === name);
    if (entry === undefined) throw new BuildError(`stat ${subdir}: no such file or directory`);
    if (entry.type !== "tree") {
      throw new BuildError(`error setting git context, not a directory: ${subdir}`);
    }
    oid = entry.oid;
  }
  return oid;
}

class GitCollector {
  readonly entries: TarEntry[] = [];
  readonly headers: RawTarHeader[] = [];
  readonly #fs: FsClient;
  readonly #dir: string;
  readonly #nowUs: number;
  readonly #limits: BuildLimits;
  #sizeBytes = 0;

  constructor(options: { fs: FsClient; dir: string; nowUs: number; limits: BuildLimits }) {
    this.#fs = options.fs;
    this.#dir = options.dir;
    this.#nowUs = options.nowUs;
    this.#limits = options.limits;
  }

  async walk(treeOid: string, prefix: string): Promise<void> {
    const { tree } = await git.readTree({ fs: this.#fs, dir: this.#dir, oid: treeOid });
    const sorted = [...tree].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    for (const item of sorted) {
      const path = prefix === "" ? item.path : `${prefix}/${item.path}`;
      if (item.type === "tree" || item.mode === "160000") {
        this.#add({ path, type: "directory", mode: 0o755, data: EMPTY_BYTES, linkTarget: "" });
        if (item.type === "tree") await this.walk(item.oid, path);
        continue;
      }
      const { blob } = await git.readBlob({ fs: this.#fs, dir: this.#dir, oid: item.oid });
      if (item.mode === "120000") {
        const target = new TextDecoder().decode(blob);
        this.#add({ path, type: "symlink", mode: 0o777, data: EMPTY_BYTES, linkTarget: target });
      } else {
        const mode = item.mode === "100755" ? 0o755 : 0o644;
        this.#add({ path, type: "file", mode, data: blob, linkTarget: "" });
      }
    }
  }

  #add(item: Pick<TarEntry, "path" | "type" | "mode" | "data" | "linkTarget">): void {
    this.#sizeBytes += item.data.length;
    if (this.entries.length + 1 > this.#limits.contextEntryCountMax) {
      throw new LimitExceededError({
        what: "build contextEntryCountMax",
        limit: this.#limits.contextEntryCountMax,
      });
    }
    if (this.#sizeBytes > this.#limits.contextSizeBytesMax) {
      throw new LimitExceededError({
        what: "build contextSizeBytesMax",
        limit: this.#limits.contextSizeBytesMax,
        actual: this.#sizeBytes,
      });
    }
    this.entries.push({
      ...item,
      uid: 0,
      gid: 0,
      uname: "root",
      gname: "root",
      mtimeUs: this.#nowUs,
      devMajor: 0,
      devMinor: 0,
      xattrs: {},
    });
    const typeBits =
      item.type === "directory" ? 0o040000 : item.type === "symlink" ? 0o120000 : 0o100000;
    const typeflag = item.type === "directory" ? "5" : item.type === "symlink" ? "2" : "0";
    this.headers.push({
      name: item.type === "directory" ? `${item.path}/` : item.path,
      mode: item.mode | typeBits,
      typeflag,
    });
  }
}
