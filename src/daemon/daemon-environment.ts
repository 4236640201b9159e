import type { ContainerConfig } from "../image/container-config.ts";

/** Docker's default `PATH` for Linux containers. */
export const DEFAULT_PATH_ENV = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/**
 * The environment a container's processes get (`CreateDaemonEnvironment`): the default `PATH`,
 * `HOSTNAME`, `TERM=xterm` with a TTY, the variables of its links (container-links.ts), then the
 * container's `Env` replacing or adding to them. A name given twice (a port range's `_ADDR`
 * repeats its first port's) keeps its first place and its last value, as runc's `os.Setenv`
 * loop leaves it (recorded with `cat /proc/self/environ` on dockerd 20.10).
 */
export function daemonEnvironment(
  config: ContainerConfig,
  tty: boolean,
  linkEnv: readonly string[] = [],
): string[] {
  const base = [DEFAULT_PATH_ENV, `HOSTNAME=${config.hostname}`, ...(tty ? ["TERM=xterm"] : [])];
  return dedupeEnv(replaceOrAppendEnv([...base, ...linkEnv], config.env ?? []));
}

function dedupeEnv(env: readonly string[]): string[] {
  const index = new Map<string, number>();
  const out: string[] = [];
  for (const entry of env) {
    const equals = entry.indexOf("=");
    const key = equals < 0 ? entry : entry.slice(0, equals);
    const at = index.get(key);
    if (at === undefined) {
      index.set(key, out.length);
      out.push(entry);
    } else out[at] = entry;
  }
  return out;
}

/** Docker's `ReplaceOrAppendEnvValues`: `k=v` replaces `k` or is appended; a bare `k` removes it. */
export function replaceOrAppendEnv(
  defaults: readonly string[],
  overrides: readonly string[],
): string[] {
  const out = [...defaults];
  for (const entry of overrides) {
    const equals = entry.indexOf("=");
    const key = equals < 0 ? entry : entry.slice(0, equals);
    const index = out.findIndex((existing) => existing === key || existing.startsWith(`${key}=`));
    if (equals < 0) {
      if (index >= 0) out.splice(index, 1);
    } else if (index >= 0) out[index] = entry;
    else out.push(entry);
  }
  return out;
}
