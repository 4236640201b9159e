import type { Link, Node } from "@jsonjoy.com/fs-core";
import {
  EMPTY_BYTES,
  OPAQUE_WHITEOUT_NAME,
  type TarEntry,
  WHITEOUT_PREFIX,
} from "../archive/tar-entry.ts";
import { sortNames } from "./compare-names.ts";
import { PERM_MASK } from "./file-mode.ts";
import type { LayerTree } from "./layer-tree.ts";
import {
  childLink,
  childNames,
  contentOf,
  extrasOf,
  isDirectoryNode,
  isOpaqueNode,
  mtimeUsOf,
} from "./tree-node.ts";
import { typeOfNode } from "./tree-store.ts";

/** Names for numeric owners, as dockerd looks them up in its host's /etc/passwd and /etc/group. */
export interface OwnerNames {
  readonly users?: ReadonlyMap<number, string>;
  readonly groups?: ReadonlyMap<number, string>;
}

export interface DiffOptions {
  /** Default: uid 0 and gid 0 are `root`, every other id has no name (""). */
  readonly owners?: OwnerNames;
}

const ROOT_ONLY: ReadonlyMap<number, string> = new Map([[0, "root"]]);

/**
 * A layer tree (an overlay's upper layer) as the entries of its layer tar, exactly as dockerd's
 * overlay2 driver exports it (checked against dockerd 20.10 on Linux 6.x):
 *
 * - a depth-first walk, each directory's names sorted by bytes, a directory before its children;
 *   the root itself is not an entry;
 * - a whiteout becomes `<dir>/.wh.<name>` where `<name>` sorts: a regular file, mode 0600, size 0,
 *   with the whiteout inode's owner and mtime;
 * - an opaque directory is followed at once by `<dir>/.wh..wh..opq`: a regular file with the
 *   directory's permission bits (mask 0777) and owner, and mtime 0;
 * - the second and later paths of an inode with several links are hard-link entries naming the
 *   first path of the walk. Whiteouts take part too, because overlayfs links them to one inode:
 *   a later whiteout keeps type "file" but carries the first whiteout's path (without `.wh.`) as
 *   its link target, as dockerd writes it.
 *
 * File contents are views into the tree's buffers, not copies.
 */
export function diffEntries(tree: LayerTree, options: DiffOptions = {}): TarEntry[] {
  const out: TarEntry[] = [];
  const walker = new DiffWalker(options.owners ?? {}, out);
  walker.walk(tree.store.root, "");
  return out;
}

class DiffWalker {
  readonly #users: ReadonlyMap<number, string>;
  readonly #groups: ReadonlyMap<number, string>;
  readonly #out: TarEntry[];
  /** First path seen for each inode with more than one link. */
  readonly #firstPath = new Map<Node, string>();

  constructor(owners: OwnerNames, out: TarEntry[]) {
    this.#users = owners.users ?? ROOT_ONLY;
    this.#groups = owners.groups ?? ROOT_ONLY;
    this.#out = out;
  }

  walk(dir: Link, prefix: string): void {
    for (const name of sortNames(childNames(dir))) {
      const link = childLink(dir, name)!;
      const node = link.getNode();
      const path = prefix === "" ? name : `${prefix}/${name}`;
      if (isDirectoryNode(node)) {
        this.#out.push(this.#entry(node, path, {}));
        if (isOpaqueNode(node)) this.#out.push(this.#opaqueMarker(node, path));
        this.walk(link, path);
        continue;
      }
      const first = node.nlink > 1 ? this.#firstPath.get(node) : undefined;
      if (node.nlink > 1 && first === undefined) this.#firstPath.set(node, path);
      const type = typeOfNode(node);
      if (type === "whiteout") {
        const whiteoutPath =
          prefix === "" ? `${WHITEOUT_PREFIX}${name}` : `${prefix}/${WHITEOUT_PREFIX}${name}`;
        this.#out.push(
          this.#entry(node, whiteoutPath, {
            type: "file",
            mode: 0o600,
            linkTarget: first ?? "",
            xattrs: {},
          }),
        );
      } else if (first !== undefined) {
        this.#out.push(
          this.#entry(node, path, { type: "hardlink", linkTarget: first, data: EMPTY_BYTES }),
        );
      } else {
        this.#out.push(this.#entry(node, path, {}));
      }
    }
  }

  #opaqueMarker(dir: Node, path: string): TarEntry {
    const mode = dir.mode & 0o777;
    return this.#entry(dir, `${path}/${OPAQUE_WHITEOUT_NAME}`, {
      type: "file",
      mode,
      mtimeUs: 0,
      xattrs: {},
    });
  }

  #entry(node: Node, path: string, overrides: Partial<TarEntry>): TarEntry {
    const type = typeOfNode(node);
    const extras = extrasOf(node);
    return {
      path,
      type: type === "whiteout" ? "file" : type,
      mode: node.mode & PERM_MASK,
      uid: node.uid,
      gid: node.gid,
      uname: this.#users.get(node.uid) ?? "",
      gname: this.#groups.get(node.gid) ?? "",
      mtimeUs: mtimeUsOf(node),
      linkTarget: type === "symlink" ? node.symlink : "",
      devMajor: extras?.devMajor ?? 0,
      devMinor: extras?.devMinor ?? 0,
      data: type === "file" ? contentOf(node) : EMPTY_BYTES,
      xattrs: extras?.xattrs ?? {},
      ...overrides,
    };
  }
}
