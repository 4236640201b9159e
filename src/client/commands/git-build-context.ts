import { DEFAULT_BUILD_LIMITS } from "../../builder/build-limits.ts";
import {
  type GitContextOptions,
  gitContextEntries,
  parseGitRemote,
} from "../../builder/context/git-context.ts";
import type { CommandIo } from "../command-io.ts";
import { type MemoryEntry, MemoryHostFiles } from "../memory-host-files.ts";

/** Where a git context's files are laid out for the directory-context code. */
export const GIT_CONTEXT_ROOT = "/git-context";

/**
 * Whether `docker build <where>` names a git repository: the docker CLI's git URL forms
 * (`git://`, `git@`, `github.com/`, `http(s)://….git`), and, since drydock has no network, local
 * repositories: `file:///path/repo#ref:dir`, or a path ending in `.git` or carrying a `#ref`
 * fragment. A plain directory path stays a directory context even when it is a repository, as
 * with docker.
 */
export function isGitContext(where: string): boolean {
  const base = where.split("#")[0] ?? where;
  if (/^(git:\/\/|git@|github\.com\/|file:\/\/)/.test(where)) return true;
  if (/^https?:\/\//.test(where)) return base.endsWith(".git");
  return where.includes("#") || base.endsWith(".git");
}

/**
 * The files of a git context, read with isomorphic-git on the client's side (the docker CLI
 * clones on its side too, then sends the checkout as a directory context). Network remotes fail
 * as an offline clone fails; local ones are read at the fragment's ref and subdirectory.
 */
export async function gitContextFiles(
  io: CommandIo & { readonly git: GitContextOptions },
  where: string,
): Promise<MemoryHostFiles> {
  const remote = parseGitRemote(where).remote;
  const path = remote.startsWith("file://") ? remote.slice("file://".length) : remote;
  const local = /^(git:\/\/|git@|github\.com\/|https?:\/\/)/.test(remote)
    ? undefined
    : io.files.resolve(path);
  // `repo/.git` names the repository whose work tree is `repo`.
  const dir = local?.endsWith("/.git") ? local.slice(0, -"/.git".length) : local;
  const { entries } = await gitContextEntries(where, {
    git: { ...io.git, resolveRepository: () => dir },
    nowUs: io.clock?.nowUs() ?? 0,
    limits: DEFAULT_BUILD_LIMITS,
  });
  const files: Record<string, MemoryEntry> = {};
  for (const entry of entries) {
    const at = `${GIT_CONTEXT_ROOT}/${entry.path}`;
    if (entry.type === "directory")
      files[at] = { type: "directory", mode: entry.mode, mtimeUs: entry.mtimeUs };
    else if (entry.type === "symlink")
      files[at] = { type: "symlink", target: entry.linkTarget, mtimeUs: entry.mtimeUs };
    else files[at] = { type: "file", data: entry.data, mode: entry.mode, mtimeUs: entry.mtimeUs };
  }
  files[GIT_CONTEXT_ROOT] ??= { type: "directory", mode: 0o755 };
  return new MemoryHostFiles({ cwd: GIT_CONTEXT_ROOT, entries: files });
}
