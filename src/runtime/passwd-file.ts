import type { FsReader } from "../fs/virtual-fs.ts";

/** One line of `/etc/passwd`. */
export interface PasswdEntry {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
  readonly home: string;
  readonly shell: string;
}

/** One line of `/etc/group`. */
export interface GroupEntry {
  readonly name: string;
  readonly gid: number;
  readonly members: readonly string[];
}

/** The account files are small; a bigger one is not read (as if it were absent). */
const ACCOUNT_FILE_BYTES_MAX = 1024 * 1024;

/** The entries of `/etc/passwd` in the container, or [] when there is no such file. */
export function readPasswd(fs: FsReader): PasswdEntry[] {
  return readLines(fs, "/etc/passwd").flatMap((fields) => {
    if (fields.length < 7) return [];
    const uid = parseId(fields[2]!);
    const gid = parseId(fields[3]!);
    if (uid === undefined || gid === undefined) return [];
    return [{ name: fields[0]!, uid, gid, home: fields[5]!, shell: fields[6]! }];
  });
}

/** The entries of `/etc/group` in the container, or [] when there is no such file. */
export function readGroups(fs: FsReader): GroupEntry[] {
  return readLines(fs, "/etc/group").flatMap((fields) => {
    if (fields.length < 4) return [];
    const gid = parseId(fields[2]!);
    if (gid === undefined) return [];
    const members = fields[3]!.split(",").filter((member) => member !== "");
    return [{ name: fields[0]!, gid, members }];
  });
}

/** A decimal id as the account files and `--user` write it. */
export function parseId(text: string): number | undefined {
  if (!/^[0-9]+$/.test(text)) return undefined;
  return Number(text);
}

function readLines(fs: FsReader, path: string): string[][] {
  let bytes: Uint8Array;
  try {
    if (fs.stat(path).sizeBytes > ACCOUNT_FILE_BYTES_MAX) return [];
    bytes = fs.readFile(path);
  } catch {
    return [];
  }
  return new TextDecoder()
    .decode(bytes)
    .split("\n")
    .filter((line) => line.trim() !== "" && !line.startsWith("#"))
    .map((line) => line.split(":"));
}
