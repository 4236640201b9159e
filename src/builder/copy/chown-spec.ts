import { utf8String } from "../../archive/byte-strings.ts";
import { isFsError } from "../../errors/fs-error.ts";
import type { FsReader } from "../../fs/virtual-fs.ts";
import { BuildError } from "../build-error.ts";
import { resolveInScope } from "../context/scoped-path.ts";

/** A numeric owner for copied files. */
export interface Identity {
  readonly uid: number;
  readonly gid: number;
}

const PREFIX = "unable to convert uid/gid chown string to host mapping";

/**
 * Resolves `COPY --chown=user[:group]` as dockerd 20.10 does on Linux (`parseChownFlag`): a
 * number is taken as is; a name is looked up in the image's `/etc/passwd` or `/etc/group`
 * (symlinks followed inside the image); a missing group part means the same string as the
 * user. Errors carry dockerd's wording, with the image-relative file path where dockerd prints
 * its overlay mount path.
 */
export function resolveChown(spec: string, rootfs: FsReader): Identity {
  const parts = spec.split(":");
  if (parts.length > 2) throw new BuildError(`${PREFIX}: invalid chown string format: ${spec}`);
  const user = parts[0] ?? "";
  const group = parts.length === 1 ? user : (parts[1] ?? "");
  const uid = lookup({ rootfs, name: user, file: "/etc/passwd", kind: "user", idField: 2 });
  const gid = lookup({ rootfs, name: group, file: "/etc/group", kind: "group", idField: 2 });
  return { uid, gid };
}

function lookup(options: {
  rootfs: FsReader;
  name: string;
  file: string;
  kind: "user" | "group";
  idField: number;
}): number {
  const { name, kind } = options;
  const what = kind === "user" ? "uid" : "gid";
  if (/^[+-]?\d+$/.test(name)) {
    const value = Number.parseInt(name, 10);
    if (Number.isSafeInteger(value)) return value;
  }
  const text = readText(options.rootfs, options.file);
  if (text === undefined) {
    throw new BuildError(
      `${PREFIX}: can't find ${what} for ${kind} ${name}: open ${options.file}: no such file or directory`,
      { data: { chown: name } },
    );
  }
  for (const line of text.split("\n")) {
    const fields = line.trim().split(":");
    if (fields[0] !== name || fields.length <= options.idField) continue;
    const id = Number.parseInt(fields[options.idField] ?? "", 10);
    return Number.isSafeInteger(id) ? id : 0;
  }
  throw new BuildError(
    `${PREFIX}: can't find ${what} for ${kind} ${name}: no such ${kind}: ${name}`,
    {
      data: { chown: name },
    },
  );
}

function readText(rootfs: FsReader, path: string): string | undefined {
  try {
    return utf8String(rootfs.readFile(resolveInScope(rootfs, path)));
  } catch (error) {
    if (isFsError(error)) return undefined;
    throw error;
  }
}
