import type { CommandContext, ExecResult } from "just-bash";
import { APK_PROGRAM } from "./apk-program.ts";
import { runShell } from "./exec-dispatch.ts";
import type { ProcessHost, SimProgram } from "./process-host.ts";

/** A program that runs just-bash's implementation of the same name. */
function bundledProgram(
  name: string,
  unavailable: (argv: readonly string[]) => ExecResult,
): SimProgram {
  return {
    name,
    run: (argv: readonly string[], ctx: CommandContext, host: ProcessHost): Promise<ExecResult> => {
      const command = host.bundled(name);
      if (command === undefined) return Promise.resolve(unavailable(argv));
      return command.execute(argv.slice(1), ctx as never);
    },
  };
}

/** `curl` without a simulated network configured: every name fails to resolve. */
function curlOffline(argv: readonly string[]): ExecResult {
  const url = argv.slice(1).find((arg) => /^[a-z]+:\/\//i.test(arg) || !arg.startsWith("-")) ?? "";
  const host = url.replace(/^[a-z]+:\/\//i, "").split(/[/:]/)[0] ?? "";
  return { stdout: "", stderr: `curl: (6) Could not resolve host: ${host}\n`, exitCode: 6 };
}

/**
 * The simulated programs the runtime knows by default: `apk` and what its repository installs
 * (`curl` on the simulated network, `jq`, and `bash` as the just-bash shell).
 */
export const DEFAULT_PROGRAMS: readonly SimProgram[] = [
  APK_PROGRAM,
  bundledProgram("curl", curlOffline),
  bundledProgram("jq", () => ({ stdout: "", stderr: "jq: unavailable\n", exitCode: 2 })),
  { name: "bash", run: (argv, ctx, host) => runShell(host, argv, ctx) },
];
