import type { FsReader } from "../fs/virtual-fs.ts";
import {
  type GroupEntry,
  type PasswdEntry,
  parseId,
  readGroups,
  readPasswd,
} from "./passwd-file.ts";
import type { StartPhase } from "./runtime-start-error.ts";
import { userLookupError } from "./start-failures.ts";

/** The identity a process runs with, resolved from `--user` against the container's files. */
export interface ProcessIdentity {
  readonly uid: number;
  readonly gid: number;
  /** Supplementary groups, sorted (the kernel keeps them sorted), primary gid included. */
  readonly groups: readonly number[];
  /** The passwd name, when the uid has an entry. */
  readonly userName?: string;
  /** From the passwd entry, or "/" (runc's default when there is none). */
  readonly home: string;
}

const ID_MAX = 2_147_483_647;

/**
 * Resolves a `USER`/`--user` value as libcontainer does for dockerd 20.10:
 * - a name must be in `/etc/passwd`; a uid need not be (then gid 0, home `/`);
 * - a group name must be in `/etc/group`, a gid need not be;
 * - without an explicit group, the groups whose member list names the user are added.
 * Failures carry dockerd's messages (`unable to find user x: no matching entries in passwd file`).
 */
export function resolveUser(fs: FsReader, spec: string, phase: StartPhase): ProcessIdentity {
  const colon = spec.indexOf(":");
  const userPart = colon < 0 ? spec : spec.slice(0, colon);
  const groupPart = colon < 0 ? "" : spec.slice(colon + 1);
  const passwd = readPasswd(fs);
  const entry = findUser(passwd, userPart === "" ? "0" : userPart, phase);
  const groups = readGroups(fs);
  let gid = entry.gid;
  const supplementary = new Set<number>();
  if (groupPart !== "") {
    gid = findGroup(groups, groupPart, phase);
  } else if (entry.name !== undefined) {
    for (const group of groups)
      if (group.members.includes(entry.name)) supplementary.add(group.gid);
  }
  supplementary.add(gid);
  return {
    uid: entry.uid,
    gid,
    groups: [...supplementary].sort((a, b) => a - b),
    ...(entry.name === undefined ? {} : { userName: entry.name }),
    home: entry.home,
  };
}

function findUser(
  passwd: readonly PasswdEntry[],
  user: string,
  phase: StartPhase,
): { uid: number; gid: number; home: string; name?: string } {
  const uid = parseId(user);
  if (uid !== undefined) {
    checkRange(uid, phase);
    const byUid = passwd.find((entry) => entry.uid === uid);
    return byUid ?? { uid, gid: 0, home: "/" };
  }
  const byName = passwd.find((entry) => entry.name === user);
  if (byName === undefined) {
    throw userLookupError(`unable to find user ${user}: no matching entries in passwd file`, phase);
  }
  return byName;
}

function findGroup(groups: readonly GroupEntry[], group: string, phase: StartPhase): number {
  const gid = parseId(group);
  if (gid !== undefined) {
    checkRange(gid, phase);
    return gid;
  }
  const byName = groups.find((entry) => entry.name === group);
  if (byName === undefined) {
    throw userLookupError(
      `unable to find group ${group}: no matching entries in group file`,
      phase,
    );
  }
  return byName.gid;
}

function checkRange(id: number, phase: StartPhase): void {
  if (id > ID_MAX) throw userLookupError("uids and gids must be in range 0-2147483647", phase);
}
