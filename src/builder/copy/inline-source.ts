import { utf8Bytes } from "../../archive/byte-strings.ts";
import { LayerTree } from "../../fs/layer-tree.ts";
import { tarsumEntryHash } from "../context/tarsum.ts";
import type { SourceContent } from "../dockerfile/instruction.ts";
import type { CopyInfo } from "./copy-infos.ts";

/**
 * A heredoc given to COPY/ADD (`COPY <<EOF /dst`, BuildKit syntax) as a source: a file named
 * after the delimiter, mode 0644, owned by root, holding the (already expanded) body. Its hash
 * is the tarsum such a file would have in a build context, so editing the body misses the cache.
 */
export function inlineSource(content: SourceContent, nowUs: number): CopyInfo {
  const data = utf8Bytes(content.data);
  const tree = new LayerTree({ nowUs });
  tree.writeFile(`/${content.path}`, data, { nowUs, mode: 0o644, uid: 0, gid: 0 });
  tree.seal();
  const hash = tarsumEntryHash(
    {
      name: content.path,
      mode: 0o644,
      uid: 0,
      gid: 0,
      sizeBytes: data.length,
      typeflag: "0",
      linkname: "",
      uname: "",
      gname: "",
      devMajor: 0,
      devMinor: 0,
      xattrs: {},
    },
    data,
  );
  return {
    source: { kind: "context", fs: tree, hash: () => hash },
    path: content.path,
    hash: `file:${hash}`,
    noDecompress: true,
  };
}
