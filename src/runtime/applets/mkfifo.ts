import { type Applet, done } from "./applet.ts";
import { bbGetopt, isUsageFailure } from "./bb-getopt.ts";
import { parseBbMode } from "./bb-mode.ts";
import { showUsage, withHelp } from "./bb-usage.ts";
import { errnoOf, strerror } from "./libc-errors.ts";

/** The process umask drydock's shells use (`umask` answers 0022). */
const UMASK = 0o022;

/**
 * `mkfifo [-m MODE] NAME...`, busybox 1.35's: each NAME a named pipe, mode 0666 less the umask,
 * or exactly MODE (octal or symbolic from a=rw). A failure is `mkfifo: NAME: error` and the
 * others are still made (exit 1); an invalid MODE fails every NAME with EINVAL, as busybox does.
 */
export const mkfifo: Applet = withHelp((argv, ctx, host) => {
  const parsed = bbGetopt("mkfifo", argv.slice(1), { flags: "m", withValue: "m" });
  if (isUsageFailure(parsed)) return Promise.resolve(parsed);
  const { flags, operands } = parsed;
  if (operands.length === 0) return Promise.resolve(showUsage("mkfifo"));
  const modeText = flags.get("m")?.at(-1);
  const mode = modeText === undefined ? 0o666 & ~UMASK : parseBbMode(modeText, 0o666);
  let stderr = "";
  for (const name of operands) {
    if (mode === undefined) {
      stderr += `mkfifo: ${name}: ${strerror("EINVAL")}\n`;
      continue;
    }
    try {
      host.view.mknod(ctx.fs.resolvePath(ctx.cwd, name), {
        type: "fifo",
        mode,
        uid: host.identity.uid,
        gid: host.identity.gid,
        nowUs: host.clock.nowUs(),
      });
    } catch (error) {
      stderr += `mkfifo: ${name}: ${strerror(errnoOf(error))}\n`;
    }
  }
  return Promise.resolve(done("", stderr, stderr === "" ? 0 : 1));
});
