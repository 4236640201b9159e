import { LimitExceededError } from "../../errors/limit-exceeded-error.ts";
import { BuildError } from "../build-error.ts";
import type { BuildOutputFrame } from "../build-host.ts";
import type { RunInstruction } from "../dockerfile/instruction.ts";
import type { BuildSession } from "./build-session.ts";
import { resolveCommandLine } from "./dispatch-metadata.ts";
import type { DispatchState } from "./dispatch-state.ts";

const BUILDKIT_REQUIRED =
  "option requires BuildKit. Refer to https://docs.docker.com/go/buildkit/ to learn how to build images with BuildKit enabled";

const decoder = new TextDecoder();

/**
 * RUN as dockerd's `dispatchRun` does it: the cache is probed with the command as the history
 * records it (`|N K=v …` in front when build args reach it, no entrypoint); on a miss a
 * container runs the command with the stage's env plus those args, its output is streamed while
 * it runs, and its changes are committed. A non-zero exit ends the build with
 * `The command '…' returned a non-zero code: N`, the container left in place.
 */
export async function dispatchRun(
  session: BuildSession,
  state: DispatchState,
  command: RunInstruction,
): Promise<void> {
  const flag = command.flagsUsed[0];
  if (flag !== undefined) throw new BuildError(`the --${flag} ${BUILDKIT_REQUIRED}`);
  const cmd = resolveCommandLine(withHeredocs(command), state);
  const env = state.runConfig.env ?? [];
  const argEnv = state.buildArgs.filterAllowed(env);
  const saveCmd = [...state.buildArgs.runCommandPrefix(env), ...cmd];
  const probeConfig = {
    ...state.runConfig,
    cmd: saveCmd,
    entrypoint: saveCmd.length > 0 ? null : state.runConfig.entrypoint,
  };
  if (await session.probeCache(state, probeConfig)) return;
  const runConfig = {
    ...state.runConfig,
    cmd: [...cmd],
    env: [...env, ...argEnv],
    entrypoint: saveCmd.length > 0 ? [""] : state.runConfig.entrypoint,
    healthcheck: { test: ["NONE"] },
  };
  const created = await session.createContainer(state, runConfig);
  const exitCode = await runWithOutput(session, created.id);
  if (exitCode !== 0) {
    const message = `The command '${cmd.join(" ")}' returned a non-zero code: ${exitCode}`;
    throw new BuildError(message, { exitCode, data: { container: created.id } });
  }
  await session.commitContainer(state, created.id, probeConfig);
}

/** Runs the container, forwarding its output to the stream and bounding its size. */
async function runWithOutput(session: BuildSession, id: string): Promise<number> {
  const limit = session.options.limits.runOutputBytesMax;
  let written = 0;
  let exceeded = false;
  const onOutput = (frame: BuildOutputFrame): void => {
    if (exceeded) return;
    written += frame.data.length;
    if (written > limit) {
      exceeded = true;
      void session.host.containers.kill(id);
      return;
    }
    const text = decoder.decode(frame.data);
    if (frame.stream === "stderr") session.output.stderr(text);
    else session.output.stdout(text);
  };
  const exitCode = await session.host.containers.run(id, { onOutput });
  if (exceeded) {
    throw new LimitExceededError({
      what: "build runOutputBytesMax",
      limit,
      actual: written,
      message: `build limit exceeded: a RUN step wrote more than ${limit} bytes of output`,
    });
  }
  return exitCode;
}

/**
 * A shell-form RUN with heredocs (BuildKit syntax), as BuildKit runs it: `RUN <<EOF` alone runs
 * the heredoc as the script; otherwise the heredoc bodies follow the command line, for the
 * shell to read.
 */
function withHeredocs(command: RunInstruction): RunInstruction["command"] {
  const { args, prependShell } = command.command;
  if (command.files.length === 0 || !prependShell) return command.command;
  const line = args[0] ?? "";
  const only = command.files.length === 1 ? command.files[0] : undefined;
  if (only !== undefined && /^<<-?["']?[A-Za-z_][\w.-]*["']?$/.test(line.trim())) {
    return { args: [only.data], prependShell };
  }
  const bodies = command.files.map((file) => `${file.content}${file.name}\n`).join("");
  return { args: [`${line}\n${bodies}`], prependShell };
}
