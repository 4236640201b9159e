import { runDocker } from "../../../../src/client/docker-cli.ts";
import type { AttachSession, Engine, OutputFrame } from "../../../../src/engine/engine.ts";
import { type BufferIo, bufferIo } from "./buffer-io.ts";

/** Runs a docker command line against an engine with buffered stdio. */
export async function runLine(
  engine: Engine,
  argv: readonly string[],
  options: Parameters<typeof bufferIo>[0] = {},
): Promise<{ stdout: string; stderr: string; exitCode: number; io: BufferIo }> {
  const io = bufferIo({ nowUs: Date.UTC(2026, 0, 1) * 1000, ...options });
  const exitCode = await runDocker((work) => work(engine), argv, io.io);
  return { stdout: io.stdout(), stderr: io.stderr(), exitCode, io };
}

const encoder = new TextEncoder();

/** An output frame of text. */
export function frame(stream: "stdout" | "stderr", text: string, tUs = 0): OutputFrame {
  return { stream, data: encoder.encode(text), tUs };
}

/** An attach/exec session that replays frames and records what the client sent. */
export function fakeSession(
  frames: readonly OutputFrame[],
): AttachSession & { stdin: string[]; stdinClosed: boolean } {
  const decoder = new TextDecoder();
  const session = {
    stdin: [] as string[],
    stdinClosed: false,
    output: (async function* () {
      for (const item of frames) yield item;
    })(),
    writeStdin(data: Uint8Array) {
      session.stdin.push(decoder.decode(data));
    },
    closeStdin() {
      session.stdinClosed = true;
    },
    close() {},
  };
  return session;
}
