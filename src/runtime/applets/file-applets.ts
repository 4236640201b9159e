import type { CommandContext } from "just-bash";
import { isFsError } from "../../errors/fs-error.ts";
import { parseId, readGroups, readPasswd } from "../passwd-file.ts";
import type { ProcessHost } from "../process-host.ts";
import { type Applet, done, fail, parseFlags } from "./applet.ts";

/** `chown [-Rh] USER[:GROUP] FILE…` (names from the container's passwd and group files). */
export const chown: Applet = async (argv, ctx, host) => {
  const { flags, operands } = parseFlags(argv.slice(1));
  const [spec, ...files] = operands;
  if (spec === undefined || files.length === 0) return fail("chown", "missing operand");
  const [userPart, groupPart] = spec.split(/[:.]/, 2) as [string, string | undefined];
  const uid =
    userPart === ""
      ? undefined
      : lookupId(
          userPart,
          readPasswd(host.view).map((e) => [e.name, e.uid]),
        );
  if (userPart !== "" && uid === undefined) return fail("chown", `unknown user ${userPart}`);
  const gid =
    groupPart === undefined || groupPart === ""
      ? undefined
      : lookupId(
          groupPart,
          readGroups(host.view).map((e) => [e.name, e.gid]),
        );
  if (groupPart !== undefined && groupPart !== "" && gid === undefined)
    return fail("chown", `unknown group ${groupPart}`);
  return changeOwners({ applet: "chown", files, owner: { uid, gid }, flags, ctx, host });
};

/** `chgrp [-Rh] GROUP FILE…`. */
export const chgrp: Applet = async (argv, ctx, host) => {
  const { flags, operands } = parseFlags(argv.slice(1));
  const [group, ...files] = operands;
  if (group === undefined || files.length === 0) return fail("chgrp", "missing operand");
  const gid = lookupId(
    group,
    readGroups(host.view).map((e) => [e.name, e.gid]),
  );
  if (gid === undefined) return fail("chgrp", `unknown group ${group}`);
  return changeOwners({ applet: "chgrp", files, owner: { gid }, flags, ctx, host });
};

function lookupId(text: string, table: [string, number][]): number | undefined {
  return parseId(text) ?? table.find(([name]) => name === text)?.[1];
}

interface OwnerChange {
  readonly applet: string;
  readonly files: readonly string[];
  readonly owner: { readonly uid?: number; readonly gid?: number };
  readonly flags: Map<string, string>;
  readonly ctx: CommandContext;
  readonly host: ProcessHost;
}

/** chown/chgrp on each file; `-R` recurses without following links, `-h` changes a link itself. */
function changeOwners(change: OwnerChange): ReturnType<Applet> {
  const { applet, owner, flags, ctx, host } = change;
  const fs = host.view;
  const nowUs = host.clock.nowUs();
  let stderr = "";
  const apply = (path: string, top: boolean) => {
    const info = fs.lstat(path);
    const follow = top && !flags.has("h");
    if (info.type === "symlink" && !follow)
      fs.chown(path, { ...owner, nowUs, followSymlinks: false });
    else fs.chown(path, { ...owner, nowUs });
    if (flags.has("R") && info.type === "directory") {
      for (const name of fs.readdir(path)) apply(`${path === "/" ? "" : path}/${name}`, false);
    }
  };
  for (const file of change.files) {
    try {
      apply(ctx.fs.resolvePath(ctx.cwd, file), true);
    } catch (error) {
      const reason = isFsError(error, "ENOENT")
        ? "No such file or directory"
        : "Operation not permitted";
      stderr += `${applet}: ${file}: ${reason}\n`;
    }
  }
  return Promise.resolve(done("", stderr, stderr === "" ? 0 : 1));
}

const TEMPLATE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** `mktemp [-d] [-p DIR] [TEMPLATE]`, names from the process's seeded Rng. */
export const mktemp: Applet = async (argv, ctx, host) => {
  const { flags, operands } = parseFlags(argv.slice(1), "p");
  const template = operands[0] ?? "tmp.XXXXXX";
  const dir = flags.get("p") ?? ctx.env.get("TMPDIR") ?? "/tmp";
  const base = template.includes("/") ? template : `${dir}/${template}`;
  const name = base.replace(/X+$/, (xs) =>
    Array.from(xs, () => host.rng.pick([...TEMPLATE_CHARS])).join(""),
  );
  const path = ctx.fs.resolvePath(ctx.cwd, name);
  try {
    if (flags.has("d")) await ctx.fs.mkdir(path);
    else {
      if (host.view.exists(path)) throw new Error("EEXIST");
      await ctx.fs.writeFile(path, "");
      await ctx.fs.chmod(path, 0o600);
    }
  } catch (error) {
    const reason = isFsError(error, "ENOENT") ? "No such file or directory" : "File exists";
    return fail("mktemp", `(null): ${reason}`);
  }
  return done(`${name}\n`);
};

/** `realpath FILE…`: canonical paths in the container. */
export const realpath: Applet = async (argv, ctx, host) => {
  let stdout = "";
  let stderr = "";
  for (const operand of argv.slice(1).filter((arg) => !arg.startsWith("-"))) {
    try {
      stdout += `${host.view.realpath(ctx.fs.resolvePath(ctx.cwd, operand))}\n`;
    } catch {
      stderr += `realpath: ${operand}: No such file or directory\n`;
    }
  }
  return done(stdout, stderr, stderr === "" ? 0 : 1);
};

/** `truncate -s SIZE FILE…` (SIZE in bytes, with K/M/G suffixes). */
export const truncate: Applet = async (argv, ctx, host) => {
  const { flags, operands } = parseFlags(argv.slice(1), "s");
  const match = /^([0-9]+)([KMG]?)$/.exec(flags.get("s") ?? "");
  if (match === null) return fail("truncate", "invalid size");
  const size = Number(match[1]) * ({ "": 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[match[2]!] ?? 1);
  if (size > 256 * 1024 * 1024) return fail("truncate", "file too large for the simulator");
  for (const operand of operands) {
    const path = ctx.fs.resolvePath(ctx.cwd, operand);
    const old = host.view.exists(path) ? host.view.readFile(path) : new Uint8Array(0);
    const next = new Uint8Array(size);
    next.set(old.subarray(0, size));
    await ctx.fs.writeFile(path, next);
  }
  return done("");
};

/** `unlink FILE`: one unlink(2). */
export const unlink: Applet = async (argv, ctx, host) => {
  const operand = argv[1];
  if (operand === undefined) return fail("unlink", "missing operand");
  try {
    host.view.unlink(ctx.fs.resolvePath(ctx.cwd, operand), { nowUs: host.clock.nowUs() });
  } catch {
    return fail("unlink", `can't remove file '${operand}': No such file or directory`);
  }
  return done("");
};

/** `link FILE LINK`: one link(2). */
export const link: Applet = async (argv, ctx, host) => {
  const [from, to] = argv.slice(1);
  if (from === undefined || to === undefined) return fail("link", "missing operand");
  try {
    host.view.link(ctx.fs.resolvePath(ctx.cwd, from), ctx.fs.resolvePath(ctx.cwd, to), {
      nowUs: host.clock.nowUs(),
    });
  } catch (error) {
    return fail(
      "link",
      `cannot create link ${to} to ${from}: ${isFsError(error, "EEXIST") ? "File exists" : "No such file or directory"}`,
    );
  }
  return done("");
};

/** `sync`: nothing to flush in memory. */
export const sync: Applet = async () => done("");
