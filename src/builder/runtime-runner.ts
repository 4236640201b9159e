import type { ContainerRuntime } from "../runtime/container-runtime.ts";
import type { BuildProcessRunner } from "./mem-build-host.ts";

/**
 * Runs `MemBuildHost`'s build containers on a `ContainerRuntime` (src/runtime): the process is
 * the container's init, without a TTY or stdin, as dockerd starts a RUN step's container; a
 * kill from the builder (a limit was hit) sends SIGKILL.
 */
export function runtimeRunner(runtime: ContainerRuntime): BuildProcessRunner {
  return async (spec) => {
    const started = runtime.start({
      containerId: spec.containerId,
      rootfs: spec.rootfs,
      argv: spec.argv,
      env: spec.env,
      cwd: spec.cwd,
      user: spec.user,
      hostname: spec.hostname,
      tty: false,
      openStdin: false,
      isInit: true,
      onOutput: (stream, data) => {
        spec.onOutput({ stream, data });
        if (spec.killed()) started.kill("KILL");
      },
    });
    const status = await started.exited;
    return status.exitCode;
  };
}
