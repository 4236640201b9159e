import fc from "fast-check";
import { type TarEntry, tarEntry } from "../../src/archive/tar-entry.ts";

/**
 * Random layers in the shape real layers have, built from random "intents" interpreted against a
 * model of the flattened tree (fast-check shrinks the intents). The model keeps layers inside the
 * cases where dockerd's flattening and overlay2 agree: a later entry never goes through a
 * non-directory, hard links point at files of their own layer, and an opaque marker comes with
 * its directory's entry before anything under it (all true of layers dockerd writes).
 */

const DIR_NAMES = ["a", "b", "c"] as const;
const LEAF_NAMES = ["a", "b", "f", "g", "s"] as const;

export interface EntryIntent {
  readonly op: "file" | "dir" | "symlink" | "device" | "hardlink" | "whiteout" | "opaque";
  readonly dirs: readonly number[];
  readonly leaf: number;
  readonly mode: number;
  readonly uid: number;
  readonly mtimeUs: number;
  readonly content: string;
  readonly pick: number;
}

const intent: fc.Arbitrary<EntryIntent> = fc.record({
  op: fc.constantFrom(
    "file",
    "file",
    "dir",
    "dir",
    "symlink",
    "device",
    "hardlink",
    "whiteout",
    "whiteout",
    "opaque",
  ),
  dirs: fc.array(fc.nat(DIR_NAMES.length - 1), { maxLength: 2 }),
  leaf: fc.nat(LEAF_NAMES.length - 1),
  mode: fc.constantFrom(0o755, 0o644, 0o600, 0o4711, 0o1777),
  uid: fc.constantFrom(0, 0, 1000),
  mtimeUs: fc.oneof(
    fc.integer({ min: 0, max: 2_000_000_000 }).map((s) => s * 1_000_000),
    fc.integer({ min: 0, max: 2 ** 50 }),
  ),
  content: fc.string({ maxLength: 6 }),
  pick: fc.nat(),
});

/** Between one and four layers of up to twelve entries each. */
export const layersArbitrary: fc.Arbitrary<TarEntry[][]> = fc
  .array(fc.array(intent, { maxLength: 12 }), { minLength: 1, maxLength: 4 })
  .map(buildLayers);

type Kind = "dir" | "file" | "other";

export function buildLayers(intents: readonly (readonly EntryIntent[])[]): TarEntry[][] {
  const model = new Map<string, Kind>();
  return intents.map((layer) => {
    const written = new Set<string>();
    const files = new Set<string>();
    const entries: TarEntry[] = [];
    for (const step of layer) {
      const dirNames = step.dirs.map((index) => DIR_NAMES[index]!);
      const path = [...dirNames, LEAF_NAMES[step.leaf]!].join("/");
      if (!parentsAreDirs(model, path)) continue;
      const emitted = emit(step, path, { model, written, files });
      for (const entry of emitted) {
        entries.push(entry);
        written.add(entry.path);
      }
    }
    return entries;
  });
}

interface LayerState {
  readonly model: Map<string, Kind>;
  readonly written: Set<string>;
  readonly files: Set<string>;
}

function emit(step: EntryIntent, path: string, state: LayerState): TarEntry[] {
  const meta = { mode: step.mode, uid: step.uid, gid: step.uid, mtimeUs: step.mtimeUs };
  const { model, files } = state;
  switch (step.op) {
    case "file":
      place(model, path, "file");
      files.add(path);
      return [
        tarEntry({
          path,
          type: "file",
          data: new TextEncoder().encode(step.content),
          ...meta,
          xattrs: step.pick % 5 === 0 ? { "user.k": step.content } : {},
        }),
      ];
    case "dir":
      if (model.get(path) !== "dir") place(model, path, "dir");
      return [tarEntry({ path, type: "directory", ...meta })];
    case "symlink":
      place(model, path, "other");
      return [
        tarEntry({
          path,
          type: "symlink",
          linkTarget: ["a", "/b/c", "../f", step.content || "x"][step.pick % 4]!,
          ...meta,
          mode: 0o777,
        }),
      ];
    case "device": {
      place(model, path, "other");
      const type = (["char", "block", "fifo"] as const)[step.pick % 3]!;
      return [
        tarEntry({
          path,
          type,
          devMajor: type === "fifo" ? 0 : step.pick % 2,
          devMinor: type === "fifo" ? 0 : step.pick % 7,
          ...meta,
        }),
      ];
    }
    case "hardlink": {
      const targets = [...files].filter(
        (file) => model.get(file) === "file" && file !== path && !file.startsWith(`${path}/`),
      );
      if (targets.length === 0) return [];
      place(model, path, "file");
      files.add(path);
      return [
        tarEntry({
          path,
          type: "hardlink",
          linkTarget: targets[step.pick % targets.length]!,
          ...meta,
        }),
      ];
    }
    case "whiteout": {
      remove(model, path);
      markParents(model, path);
      const slash = path.lastIndexOf("/");
      return [
        tarEntry({
          path: `${path.slice(0, slash + 1)}.wh.${path.slice(slash + 1)}`,
          type: "file",
          mode: 0o600,
        }),
      ];
    }
    case "opaque":
      if (model.get(path) !== undefined && model.get(path) !== "dir") return [];
      if ([...state.written].some((written) => written.startsWith(`${path}/`))) return [];
      for (const key of [...model.keys()]) if (key.startsWith(`${path}/`)) model.delete(key);
      model.set(path, "dir");
      markParents(model, path);
      return [
        tarEntry({ path, type: "directory", ...meta }),
        tarEntry({ path: `${path}/.wh..wh..opq`, type: "file", mode: 0o755 }),
      ];
  }
}

function parentsAreDirs(model: Map<string, Kind>, path: string): boolean {
  const parts = path.split("/");
  for (let i = 1; i < parts.length; i++) {
    const kind = model.get(parts.slice(0, i).join("/"));
    if (kind !== undefined && kind !== "dir") return false;
  }
  return true;
}

function place(model: Map<string, Kind>, path: string, kind: Kind): void {
  remove(model, path);
  model.set(path, kind);
  markParents(model, path);
}

function remove(model: Map<string, Kind>, path: string): void {
  model.delete(path);
  for (const key of [...model.keys()]) if (key.startsWith(`${path}/`)) model.delete(key);
}

function markParents(model: Map<string, Kind>, path: string): void {
  const parts = path.split("/");
  for (let i = 1; i < parts.length; i++) model.set(parts.slice(0, i).join("/"), "dir");
}

/** One random operation on a filesystem, its paths drawn from a small namespace. */
export interface FsOp {
  readonly op:
    | "write"
    | "append"
    | "mkdir"
    | "mkdirp"
    | "symlink"
    | "link"
    | "unlink"
    | "rmdir"
    | "rm"
    | "rename"
    | "chmod"
    | "chown"
    | "utimes"
    | "mknod";
  readonly path: string;
  readonly other: string;
  readonly mode: number;
  readonly data: string;
  readonly timeUs: number;
}

const fsPath = fc
  .array(fc.constantFrom("a", "b", "c", "f", "s"), { minLength: 1, maxLength: 3 })
  .map((parts) => `/${parts.join("/")}`);

export const fsOpArbitrary: fc.Arbitrary<FsOp> = fc.record({
  op: fc.constantFrom(
    "write",
    "write",
    "append",
    "mkdir",
    "mkdirp",
    "symlink",
    "link",
    "unlink",
    "unlink",
    "rmdir",
    "rm",
    "rm",
    "rename",
    "rename",
    "chmod",
    "chown",
    "utimes",
    "mknod",
  ),
  path: fsPath,
  other: fsPath,
  mode: fc.constantFrom(0o755, 0o700, 0o644, 0o2755),
  data: fc.string({ maxLength: 5 }),
  timeUs: fc.integer({ min: 0, max: 10_000 }).map((s) => (1_800_000_000 + s) * 1_000_000),
});

/** Layers whose hard links are plain files: overlayfs breaks hard links on copy-up, a plain tree does not. */
export const layersWithoutHardLinksArbitrary: fc.Arbitrary<TarEntry[][]> = layersArbitrary.map(
  (layers) =>
    layers.map((entries) =>
      entries.map((entry) =>
        entry.type === "hardlink" ? { ...entry, type: "file" as const, linkTarget: "" } : entry,
      ),
    ),
);
