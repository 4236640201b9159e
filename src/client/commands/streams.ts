import { formatRfc3339NanoFixed } from "../../clock/time-format.ts";
import type { AttachSession, Engine, OutputFrame } from "../../engine/engine.ts";
import { type CommandIo, readAllStdin } from "../command-io.ts";

/** Writes a container's output frames to the command's stdout and stderr. */
export async function copyFrames(
  frames: AsyncIterable<OutputFrame>,
  io: CommandIo,
  options: { timestamps?: boolean } = {},
): Promise<void> {
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  for await (const frame of frames) {
    const sink = frame.stream === "stderr" ? io.stderr : io.stdout;
    if (options.timestamps === true) {
      const stamp = formatRfc3339NanoFixed(frame.tUs);
      // An engine that already prefixed the line (as dockerd's API does) is left alone.
      const text = decoder.decode(frame.data.subarray(0, stamp.length));
      if (text !== stamp) sink.write(encoder.encode(`${stamp} `));
    }
    sink.write(frame.data);
  }
}

/** Largest stdin `run -i`, `exec -i`, `start -i` pass to a process, in bytes. */
export const STDIN_BYTES_MAX: number = 256 * 1024 * 1024;

/**
 * Gives an attached process its stdin, then half-closes it (EOF), as the CLI does when its input
 * ends. The input was read to its end beforehand: a simulated world runs only while the client
 * awaits it, so it cannot wait for keystrokes (interactive TTY sessions are not supported).
 */
export function sendStdin(session: AttachSession, input: Uint8Array | undefined): void {
  if (input !== undefined && input.length > 0) session.writeStdin(input);
  session.closeStdin();
}

/** Keeps a promise nobody may await (a wait the CLI abandons) from reporting an unhandled rejection. */
export function quietly(result: PromiseLike<unknown>): void {
  if (result instanceof Promise) result.catch(() => undefined);
}

/**
 * `start -a` and `attach`: attaches to a container (stdin when asked), waits for its next exit,
 * hands over the input, runs `beforeOutput` (the start, for `start -a`), copies the output and
 * returns the exit code.
 */
export async function attachUntilExit(options: {
  engine: Engine;
  id: string;
  io: CommandIo;
  stdin: boolean;
  beforeOutput?: () => Promise<void>;
}): Promise<number> {
  const { engine, id, io, stdin } = options;
  const session = await engine.containerAttach(id, {
    stdin,
    stdout: true,
    stderr: true,
    stream: true,
  });
  const waiting = engine.containerWait(id, { condition: "next-exit" });
  quietly(waiting);
  sendStdin(session, stdin ? await readAllStdin(io, STDIN_BYTES_MAX) : undefined);
  await options.beforeOutput?.();
  await copyFrames(session.output, io);
  return (await waiting).StatusCode;
}
