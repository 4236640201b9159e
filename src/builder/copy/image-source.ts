import { EMPTY_BYTES } from "../../archive/tar-entry.ts";
import { isFsError } from "../../errors/fs-error.ts";
import type { FsReader } from "../../fs/virtual-fs.ts";
import { resolveInScope } from "../context/scoped-path.ts";
import { tarsumEntryHash } from "../context/tarsum.ts";
import { type CopySource, modeTypeBits, typeflagOfInfo } from "./copy-source.ts";

/** Names dockerd's host gives owners when it builds a tar header (`root` for 0, else none). */
const OWNER_NAMES: ReadonlyMap<number, string> = new Map([[0, "root"]]);

/**
 * An image's root filesystem as a COPY source (`COPY --from`), hashed lazily as dockerd's
 * `lazySource` does: each path's header comes from `lstat` through Go's `FileInfoHeader` — the
 * mode with its file-type bits, owner names looked up on the daemon's host, `/` after a
 * directory name — followed by the content.
 */
export class ImageSource implements CopySource {
  readonly kind = "image" as const;
  readonly fs: FsReader;
  readonly #sums = new Map<string, string>();

  constructor(fs: FsReader) {
    this.fs = fs;
  }

  hash(path: string): string {
    const resolved = resolveInScope(this.fs, path);
    const rel = resolved.slice(1);
    const known = this.#sums.get(rel);
    if (known !== undefined) return known;
    let info: ReturnType<FsReader["lstat"]>;
    try {
      info = this.fs.lstat(resolved);
    } catch (error) {
      // dockerd: "a missing file returns a path as hash" (a broken symlink).
      if (isFsError(error)) return rel === "" ? "." : rel;
      throw error;
    }
    const name = info.type === "directory" && !rel.endsWith("/") ? `${rel}/` : rel;
    const isDevice = info.type === "char" || info.type === "block";
    const sum = tarsumEntryHash(
      {
        name,
        mode: info.perm | modeTypeBits(info),
        uid: info.uid,
        gid: info.gid,
        sizeBytes: info.type === "file" ? info.sizeBytes : 0,
        typeflag: typeflagOfInfo(info),
        linkname: info.type === "symlink" ? info.linkTarget : "",
        uname: OWNER_NAMES.get(info.uid) ?? "",
        gname: OWNER_NAMES.get(info.gid) ?? "",
        devMajor: isDevice ? info.devMajor : 0,
        devMinor: isDevice ? info.devMinor : 0,
        xattrs: capabilityOnly(this.fs.xattrs(resolved)),
      },
      info.type === "file" ? this.fs.readFile(resolved) : EMPTY_BYTES,
    );
    this.#sums.set(rel, sum);
    return sum;
  }
}

/** dockerd only reads `security.capability` into the header it hashes. */
function capabilityOnly(xattrs: Readonly<Record<string, string>>): Record<string, string> {
  const capability = xattrs["security.capability"];
  return capability === undefined ? {} : { "security.capability": capability };
}
