/**
 * Last-resort cleanup of real daemons when the Node process ends without calling `stop()` (a
 * failed assertion before a `finally`, process.exit, Ctrl-C). An exit handler cannot wait, so it
 * sends SIGTERM (dockerd then stops its own containerd, which SIGKILL would orphan) and hands the
 * wait-then-remove to a detached shell that outlives us.
 */
import { spawn } from "node:child_process";

/** What to tear down: processes to end, then the directory that held their state. */
export interface ExitCleanup {
  readonly pids: () => readonly number[];
  readonly dir: string;
}

const pending = new Set<ExitCleanup>();
const SIGNALS: readonly NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

// The reaper waits for each pid (at most ~20 s, then SIGKILL), then detaches mounts left under the directory and removes it.
const REAPER =
  'dir=$1; shift; for p in "$@"; do n=0; ' +
  "while kill -0 $p 2>/dev/null && [ $n -lt 100 ]; do sleep 0.2; n=$((n+1)); done; " +
  "kill -9 $p 2>/dev/null; done; " +
  'grep -o " $dir/[^ ]*" /proc/self/mounts | sort -r | xargs -r -n1 umount -l; rm -rf "$dir"';

function runAll(): void {
  for (const cleanup of pending) {
    const pids = cleanup.pids();
    for (const pid of pids) {
      try {
        process.kill(pid, "SIGTERM");
      } catch {
        // Already gone.
      }
    }
    try {
      const reaper = spawn("/bin/sh", ["-c", REAPER, "sh", cleanup.dir, ...pids.map(String)], {
        detached: true,
        stdio: "ignore",
        // The caller's PATH may be anything (tests narrow it); the reaper needs the system tools.
        env: { PATH: "/usr/sbin:/usr/bin:/sbin:/bin" },
      });
      reaper.unref();
    } catch {
      // Nothing more can be done while exiting; the directory stays in the temp folder.
    }
  }
  pending.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  runAll();
  uninstall();
  // Default behaviour again, so the process ends by the same signal.
  process.kill(process.pid, signal);
}

function install(): void {
  process.on("exit", runAll);
  for (const signal of SIGNALS) process.on(signal, onSignal);
}

function uninstall(): void {
  process.off("exit", runAll);
  for (const signal of SIGNALS) process.off(signal, onSignal);
}

/** Registers a cleanup to run if the process ends first; the returned function unregisters it. */
export function cleanUpOnExit(cleanup: ExitCleanup): () => void {
  if (pending.size === 0) install();
  pending.add(cleanup);
  return () => {
    if (!pending.delete(cleanup)) return;
    if (pending.size === 0) uninstall();
  };
}
