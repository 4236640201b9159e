import { joinBytes } from "../../archive/byte-strings.ts";
import type { CommandIo, HostFiles } from "../../client/command-io.ts";
import { runDocker } from "../../client/docker-cli.ts";
import { drivenEngine } from "../../client/driven-engine.ts";
import type { World } from "../../world/world.ts";
import type { DockerCall } from "./scenario-backend.ts";

/**
 * Docker commands on a simulated world's hosts outside the scenario's steps (what `scenario diff`
 * inspects after the last step): drydock's client on the host's engine, the world's time passing
 * while each runs. Output is kept as bytes (`docker export` writes a tar).
 */
export function simDockerCall(world: World, files: ReadonlyMap<string, HostFiles>): DockerCall {
  return async (hostName, argv, options = {}) => {
    const host = world.host(hostName);
    const hostFiles = files.get(hostName);
    if (hostFiles === undefined) throw new Error(`no host ${hostName} in this world`);
    const engine = drivenEngine({
      engine: host.engine,
      run: (work) => world.run(() => work(host.engine)),
    });
    const out: Uint8Array[] = [];
    const err: string[] = [];
    const encoder = new TextEncoder();
    const decoder = new TextDecoder();
    const io: CommandIo = {
      stdout: {
        write: (chunk) =>
          out.push(typeof chunk === "string" ? encoder.encode(chunk) : chunk.slice()),
      },
      stderr: {
        write: (chunk) => err.push(typeof chunk === "string" ? chunk : decoder.decode(chunk)),
      },
      stdin: async function* () {
        if (options.stdin !== undefined) yield options.stdin;
      },
      stdinIsTerminal: false,
      stdoutIsTerminal: false,
      env: {},
      files: hostFiles,
    };
    const exitCode = await runDocker((work) => work(engine), argv, io);
    return { exitCode, stdout: joinBytes(out), stderr: err.join("") };
  };
}
