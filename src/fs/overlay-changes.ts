import type { Link } from "@jsonjoy.com/fs-core";
import { sortNames } from "./compare-names.ts";
import type { FileInfo } from "./file-info.ts";
import { type MergedEntry, mergedChild, mergedNames } from "./merged-entry.ts";
import {
  childLink,
  childNames,
  isDirectoryNode,
  isOpaqueNode,
  isWhiteoutNode,
} from "./tree-node.ts";

/** One line of `docker diff`: added, changed or deleted. */
export interface FsChange {
  readonly kind: "A" | "C" | "D";
  /** Absolute path in the container: `/etc/hosts`. */
  readonly path: string;
}

export interface OverlayChangesInput {
  /** The root of the upper layer. */
  readonly upper: Link;
  /** The merged root of the lower layers alone. */
  readonly lowerRoot: MergedEntry;
  /** Metadata of a merged entry (lower side) or a single upper link wrapped as one. */
  readonly infoOf: (entry: MergedEntry) => FileInfo;
}

/**
 * `docker diff`: the lower layers' view against the merged view, for the names the upper layer
 * touches. As dockerd does:
 * - `A` for a path only the new view has, and for everything under it;
 * - `D` for a path only the old view has, only at the top of a deleted subtree (an opaque
 *   directory's hidden lower children count as deleted);
 * - `C` when type, permissions, owner or device differ, or, for a non-directory, mtime or size
 *   (content is not compared, as dockerd does not); a directory is also `C` when anything below
 *   it changed, but not for a new mtime alone. A copied-up file that did not change is not listed.
 *
 * dockerd (its naive diff, which overlay2 uses) lists a directory's entry, then, per directory,
 * what the new view has (added or changed, each followed by its subtree) and only after those
 * what was deleted, each group in Go map order, which changes from one call to the next. This
 * list keeps dockerd's grouping and sorts within each group (names by bytes), so it is always
 * one of the orders dockerd can print.
 */
export function overlayChanges(input: OverlayChangesInput): FsChange[] {
  const out: FsChange[] = [];
  walkChanges(input, input.upper, input.lowerRoot, "", out);
  return out;
}

function walkChanges(
  input: OverlayChangesInput,
  upperDir: Link,
  lowerDir: MergedEntry | undefined,
  prefix: string,
  out: FsChange[],
): boolean {
  const upperNames = childNames(upperDir);
  const deleted = new Set<string>();
  if (lowerDir !== undefined && isOpaqueNode(upperDir.getNode())) {
    const present = new Set(upperNames);
    for (const name of mergedNames(lowerDir)) if (!present.has(name)) deleted.add(name);
  }
  let changed = false;
  for (const name of sortNames(upperNames)) {
    const path = `${prefix}/${name}`;
    const link = childLink(upperDir, name)!;
    const lower = lowerDir === undefined ? undefined : mergedChild(lowerDir, name, 0);
    if (isWhiteoutNode(link.getNode())) {
      if (lower !== undefined) deleted.add(name);
      continue;
    }
    if (lower === undefined) {
      out.push({ kind: "A", path });
      if (isDirectoryNode(link.getNode())) addAll(link, path, out);
      changed = true;
      continue;
    }
    const below: FsChange[] = [];
    const lowerAsDir = isDirectoryNode(lower.links[0]!.getNode()) ? lower : undefined;
    const childChanged =
      isDirectoryNode(link.getNode()) && walkChanges(input, link, lowerAsDir, path, below);
    const differs = metadataDiffers(
      input.infoOf(lower),
      input.infoOf({ links: [link], layers: [0] }),
    );
    if (differs || childChanged) {
      out.push({ kind: "C", path });
      for (const change of below) out.push(change);
      changed = true;
    }
  }
  // dockerd's naive diff reports a directory's deletions after everything it still holds.
  for (const name of sortNames([...deleted])) out.push({ kind: "D", path: `${prefix}/${name}` });
  return changed || deleted.size > 0;
}

function addAll(dir: Link, prefix: string, out: FsChange[]): void {
  for (const name of sortNames(childNames(dir))) {
    const link = childLink(dir, name)!;
    if (isWhiteoutNode(link.getNode())) continue;
    const path = `${prefix}/${name}`;
    out.push({ kind: "A", path });
    if (isDirectoryNode(link.getNode())) addAll(link, path, out);
  }
}

function metadataDiffers(old: FileInfo, now: FileInfo): boolean {
  if (old.type !== now.type || old.perm !== now.perm || old.uid !== now.uid || old.gid !== now.gid)
    return true;
  if (old.devMajor !== now.devMajor || old.devMinor !== now.devMinor) return true;
  return (
    old.type !== "directory" && (old.mtimeUs !== now.mtimeUs || old.sizeBytes !== now.sizeBytes)
  );
}
