/**
 * One entry of a tar archive, independent of how it was encoded (ustar, PAX, GNU). Layers,
 * build contexts, `docker cp` streams and `docker save` archives are all lists of these.
 */
export type TarEntryType =
  | "file"
  | "hardlink"
  | "symlink"
  | "directory"
  | "char"
  | "block"
  | "fifo";

export interface TarEntry {
  /**
   * Path inside the archive: `/`-separated, relative, no leading `./` or `/`, no trailing `/`
   * (a directory's type says it is one), no `.` or empty segments. `..` segments are kept as read
   * so that safe extraction can reject them with a clear error. The archive root itself (`./`,
   * which `tar -C dir .` writes) is the empty path "", and only a directory can have it.
   */
  readonly path: string;
  readonly type: TarEntryType;
  /** Permission bits with setuid, setgid and sticky (mask 0o7777); the type is in `type`. */
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  /** Owner names as the writer recorded them (`root`), or "". */
  readonly uname: string;
  readonly gname: string;
  /** Modification time in integer microseconds since the Unix epoch. */
  readonly mtimeUs: number;
  /**
   * For a symlink, its target as stored. For a hard link, the archive path of the entry it links
   * to (normalised like `path`). Otherwise normally "", but kept as read: Docker writes a link
   * name on whiteout files that share an inode with an earlier whiteout (overlayfs on Linux ≥ 5.8
   * hard-links its whiteouts), e.g. `w/.wh.b` (type file) with link name `w/a`, and a
   * byte-identical layer must keep it. Extraction ignores it for non-links.
   */
  readonly linkTarget: string;
  /** Device numbers of char and block devices; 0 otherwise. */
  readonly devMajor: number;
  readonly devMinor: number;
  /** The content of a regular file; empty for every other type. May be a view into the archive. */
  readonly data: Uint8Array;
  /**
   * Extended attributes (PAX `SCHILY.xattr.<name>` records), by name. Values are byte strings:
   * one char U+0000..U+00FF per byte (Latin-1), because values such as `security.capability`
   * are binary. Docker itself only records `security.capability`.
   */
  readonly xattrs: Readonly<Record<string, string>>;
}

/** Fills in the fields an entry usually leaves at their defaults. */
export function tarEntry(fields: Partial<TarEntry> & Pick<TarEntry, "path" | "type">): TarEntry {
  return {
    mode: fields.type === "directory" ? 0o755 : fields.type === "symlink" ? 0o777 : 0o644,
    uid: 0,
    gid: 0,
    uname: "",
    gname: "",
    mtimeUs: 0,
    linkTarget: "",
    devMajor: 0,
    devMinor: 0,
    data: EMPTY_BYTES,
    xattrs: {},
    ...fields,
  };
}

export const EMPTY_BYTES: Uint8Array = new Uint8Array(0);

/** OCI whiteout conventions (image-spec layer.md): a deleted entry and an opaque directory. */
export const WHITEOUT_PREFIX = ".wh.";
export const OPAQUE_WHITEOUT_NAME = ".wh..wh..opq";
