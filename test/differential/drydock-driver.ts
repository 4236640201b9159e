/**
 * drydock's side of a differential case: the drydock client (`runDocker`, docker's parsing,
 * output and exit codes) against a memory engine (`openMemoryEngine`: the daemon, the builder on
 * the daemon's build services, the just-bash runtime, the offline busybox), in an in-memory
 * context directory.
 */
import type { CommandIo } from "../../src/client/command-io.ts";
import { runDocker } from "../../src/client/docker-cli.ts";
import { drivenEngine } from "../../src/client/driven-engine.ts";
import { type MemoryEntry, MemoryHostFiles } from "../../src/client/memory-host-files.ts";
import { type EngineHost, openMemoryEngine } from "../../src/daemon/engine-host.ts";
import { sha256Hex } from "../../src/digest/sha256.ts";
import type { Engine } from "../../src/engine/engine.ts";
import type { ContextFile } from "./case-context.ts";
import type { CliDriver, CliOutput } from "./cli-driver.ts";

/** Where the context directory is on the client's (in-memory) host. */
const CONTEXT_DIR = "/ctx";

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** A world's seed from the case's name: each case its own, the same on every run. */
export function caseSeed(name: string): number {
  return Number.parseInt(sha256Hex(new TextEncoder().encode(name)).slice(0, 8), 16);
}

/** The drydock client on a memory engine; one world per case. */
export class DrydockDriver implements CliDriver {
  readonly #files = new Map<string, ContextFile>();
  readonly #host: EngineHost;
  readonly #engine: Engine;

  private constructor(host: EngineHost) {
    this.#host = host;
    this.#engine = drivenEngine(host);
  }

  static async open(seed: number): Promise<DrydockDriver> {
    return new DrydockDriver(await openMemoryEngine({ seed }));
  }

  writeFile(path: string, file: ContextFile): void {
    this.#files.set(path, file);
  }

  removeFile(path: string): void {
    this.#files.delete(path);
  }

  async docker(args: readonly string[], stdin?: string): Promise<CliOutput> {
    const out: Uint8Array[] = [];
    const err: Uint8Array[] = [];
    const encoder = new TextEncoder();
    const sink = (chunks: Uint8Array[]) => ({
      write: (chunk: string | Uint8Array) =>
        chunks.push(typeof chunk === "string" ? encoder.encode(chunk) : chunk.slice()),
    });
    const input = encoder.encode(stdin ?? "");
    const io: CommandIo = {
      stdout: sink(out),
      stderr: sink(err),
      stdin: async function* () {
        if (input.length > 0) yield input;
      },
      stdinIsTerminal: false,
      stdoutIsTerminal: false,
      env: { DOCKER_BUILDKIT: "0" },
      files: this.#hostFiles(),
    };
    const exitCode = await runDocker((work) => work(this.#engine), args, io);
    return { exitCode, stdout: concat(out), stderr: new TextDecoder().decode(concat(err)) };
  }

  /** A fresh view of the context for each command (the commands of the corpus only read it). */
  #hostFiles(): MemoryHostFiles {
    const entries: Record<string, MemoryEntry> = {
      [CONTEXT_DIR]: { type: "directory", mode: 0o755 },
    };
    for (const [path, file] of this.#files) {
      entries[`${CONTEXT_DIR}/${path}`] = {
        type: "file",
        data: file.data,
        mode: file.mode,
        mtimeUs: file.mtimeUs,
      };
    }
    return new MemoryHostFiles({ cwd: CONTEXT_DIR, entries });
  }

  async close(): Promise<void> {
    await this.#host.close();
  }
}
