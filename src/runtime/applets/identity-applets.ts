import { resolveHost } from "../net/name-lookup.ts";
import { readGroups, readPasswd } from "../passwd-file.ts";
import { resolveUser } from "../user-spec.ts";
import { type Applet, done, fail, parseFlags } from "./applet.ts";

/** `id [-u|-g|-G] [-n] [USER]`, with names from the container's passwd and group files. */
export const id: Applet = async (argv, _ctx, host) => {
  const { flags, operands } = parseFlags(argv.slice(1));
  let identity = host.identity;
  if (operands[0] !== undefined) {
    try {
      identity = resolveUser(host.view, operands[0], "exec");
    } catch {
      return fail("id", `unknown user ${operands[0]}`);
    }
  }
  const users = readPasswd(host.view);
  const groups = readGroups(host.view);
  const userName = (uid: number) => users.find((entry) => entry.uid === uid)?.name;
  const groupName = (gid: number) => groups.find((entry) => entry.gid === gid)?.name;
  const named = flags.has("n");
  const show = (value: number, name: string | undefined) =>
    named ? (name ?? String(value)) : String(value);
  if (flags.has("u")) return done(`${show(identity.uid, userName(identity.uid))}\n`);
  if (flags.has("g")) return done(`${show(identity.gid, groupName(identity.gid))}\n`);
  if (flags.has("G")) {
    return done(`${identity.groups.map((gid) => show(gid, groupName(gid))).join(" ")}\n`);
  }
  const label = (value: number, name: string | undefined) =>
    name === undefined ? String(value) : `${value}(${name})`;
  const groupList = identity.groups.map((gid) => label(gid, groupName(gid))).join(",");
  return done(
    `uid=${label(identity.uid, userName(identity.uid))} gid=${label(identity.gid, groupName(identity.gid))} groups=${groupList}\n`,
  );
};

/** `whoami`: the passwd name of the uid, or busybox's error for an unnamed one. */
export const whoami: Applet = async (_argv, _ctx, host) => {
  const name = readPasswd(host.view).find((entry) => entry.uid === host.identity.uid)?.name;
  if (name === undefined) return fail("whoami", `unknown uid ${host.identity.uid}`);
  return done(`${name}\n`);
};

/** `groups`: the process's group names. */
export const groups: Applet = async (_argv, _ctx, host) => {
  const table = readGroups(host.view);
  const names = host.identity.groups.map(
    (gid) => table.find((entry) => entry.gid === gid)?.name ?? String(gid),
  );
  return done(`${names.join(" ")}\n`);
};

/** `hostname`: the UTS name; setting it needs CAP_SYS_ADMIN, which containers lack. */
export const hostname: Applet = async (argv, _ctx, host) => {
  const { flags, operands } = parseFlags(argv.slice(1));
  if (operands.length > 0 || flags.has("F")) {
    return fail("hostname", "sethostname: Operation not permitted");
  }
  const name = host.hostname;
  if (flags.has("i")) {
    // gethostbyname(hostname): /etc/hosts has the container's own line, except with --network none.
    const addresses = resolveHost(host, name);
    if (addresses === undefined) return fail("hostname", `${name}: Host name lookup failure`);
    return done(`${addresses.join(" ")}\n`);
  }
  const dot = name.indexOf(".");
  if (flags.has("s")) return done(`${dot < 0 ? name : name.slice(0, dot)}\n`);
  if (flags.has("d")) return done(`${dot < 0 ? "" : name.slice(dot + 1)}\n`);
  return done(`${name}\n`);
};

/** `uname [-asnrvmpio]`: the simulated host's kernel, as busybox prints it. */
export const uname: Applet = async (argv, _ctx, host) => {
  const { flags } = parseFlags(argv.slice(1));
  const fields: [string, string][] = [
    ["s", "Linux"],
    ["n", host.hostname],
    ["r", host.kernelRelease],
    ["v", "#1 SMP PREEMPT_DYNAMIC @0"],
    ["m", "x86_64"],
    ["o", "GNU/Linux"],
  ];
  const all = flags.has("a");
  const chosen = fields.filter(
    ([flag]) => all || flags.has(flag) || (flag === "m" && (flags.has("p") || flags.has("i"))),
  );
  return done(
    `${(chosen.length === 0 ? [fields[0]!] : chosen).map(([, value]) => value).join(" ")}\n`,
  );
};

/** `arch`: the simulated host is x86-64. */
export const arch: Applet = async () => done("x86_64\n");

/** `nproc`: the simulated host's CPU count. */
export const nproc: Applet = async (_argv, _ctx, host) => done(`${host.cpuCount}\n`);

/** No process in a simulated container has a terminal on stdin. */
export const tty: Applet = async (argv) => {
  const silent = argv.includes("-s");
  return done(silent ? "" : "not a tty\n", "", 1);
};
