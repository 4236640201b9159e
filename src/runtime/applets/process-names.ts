import type { ProcProcess } from "../proc-fs.ts";
import type { ProcessHost } from "../process-host.ts";

/** A process as busybox's `procps_scan` names it: `comm`, `argv[0]` and the `exe` link. */
export interface NamedProcess {
  readonly pid: number;
  readonly comm: string;
  readonly argv0: string;
  readonly exe: string;
  readonly process: ProcProcess;
}

/** Shell syntax that makes ash fork a subshell for a job instead of exec'ing one command. */
const COMPOUND = /[;&|(){}<>`$]|^\s*(?:while|until|for|if|case|!)\s/;

/**
 * The processes of the namespace by PID, plus the applet's own process (busybox forks applets
 * like `pidof` and `killall`: they see themselves, at the next PID, named by their argv).
 *
 * drydock runs a background job (`sleep 100 &`) inside its shell and records its whole text as
 * its argv; ash would fork and exec the job's command, so a job that is one simple command is
 * named after that command here (comm `sleep`, argv[0] `sleep`), and a compound job after the
 * shell. Executables are followed through symlinks (`/bin/sh` is `/bin/busybox`), as the
 * kernel's `/proc/PID/exe` is.
 */
export function namedProcesses(host: ProcessHost, selfArgv: readonly string[]): NamedProcess[] {
  return processesWithSelf(host, selfArgv).map((process) => {
    const exe = resolveExe(host, process.exe);
    const only = process.argv.length === 1 ? process.argv[0]! : undefined;
    let argv0 = process.argv[0] ?? "";
    if (only !== undefined && /\s/.test(only.trim()))
      argv0 = COMPOUND.test(only) ? "sh" : (only.trim().split(/\s+/)[0] ?? "");
    return { pid: process.pid, comm: basename(argv0).slice(0, 15), argv0, exe, process };
  });
}

/**
 * The namespace's processes by PID, and last the applet asking (`ps`, `pidof`…), which is a
 * process of its own in a real container: the next PID, running, busybox.
 */
export function processesWithSelf(host: ProcessHost, selfArgv: readonly string[]): ProcProcess[] {
  const processes = [...host.processes()].sort((a, b) => a.pid - b.pid);
  const self: ProcProcess = {
    pid: Math.max(0, ...processes.map((process) => process.pid)) + 1,
    ppid: host.pid,
    uid: host.identity.uid,
    gid: host.identity.gid,
    groups: host.identity.groups,
    argv: selfArgv,
    env: [],
    cwd: "/",
    exe: "/bin/busybox",
    startedUs: host.clock.nowUs(),
    state: "R",
  };
  return [...processes, self];
}

/**
 * libbb's `find_pid_by_name` test: the name matches `comm` (first 15 characters), the
 * basename of argv[0], or the `exe` link (its basename, or the whole path for `/path` names).
 */
export function matchesName(process: NamedProcess, name: string): boolean {
  if (process.comm.length < 15 ? process.comm === name : process.comm === name.slice(0, 15)) {
    // A 15-character comm may be truncated: then a script's name (argv[1]) must match too.
    if (process.comm.length < 15 || basename(process.process.argv[1] ?? "") === name) return true;
  }
  if (basename(process.argv0) === name) return true;
  return (name.startsWith("/") ? process.exe : basename(process.exe)) === name;
}

function resolveExe(host: ProcessHost, exe: string): string {
  try {
    return host.view.realpath(exe);
  } catch {
    return exe;
  }
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}
