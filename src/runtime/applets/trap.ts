import { parseSignal } from "../signals.ts";
import { type Applet, done } from "./applet.ts";

/**
 * The `trap` builtin: `trap 'CMDS' SIG…`, `trap '' SIG…` (ignore), `trap - SIG…` (default),
 * `trap` (list). Handlers run between commands (see `ProcessHost.tick`); `EXIT` runs when the
 * shell ends.
 */
export const trap: Applet = async (argv, _ctx, host) => {
  const args = argv.slice(1);
  if (args.length === 0) {
    let out = "";
    for (const [name, handler] of host.traps()) out += `trap -- ${quote(handler)} ${name}\n`;
    return done(out);
  }
  if (args[0] === "-l") return done("");
  const [action, ...names] = args.length === 1 ? ["-", ...args] : args;
  let stderr = "";
  for (const raw of names) {
    let name: string;
    if (raw === "EXIT" || raw === "0") name = "EXIT";
    else {
      try {
        name = parseSignal(raw).name;
      } catch {
        stderr += `sh: trap: ${raw}: invalid signal specification\n`;
        continue;
      }
    }
    host.setTrap(name, action === "-" ? undefined : action);
  }
  return done("", stderr, stderr === "" ? 0 : 1);
};

function quote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}
