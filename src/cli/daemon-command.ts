import { join } from "node:path";
import type { CommandIo } from "../client/command-io.ts";
import { isDrydockError } from "../errors/drydock-error.ts";
import { parseEngineApiAddress } from "../node/engine-api-address.ts";
import { dataRootOf } from "./open-engine.ts";
import { untilStopSignal } from "./stop-signal.ts";

const USAGE = `Usage:  drydock daemon [OPTIONS]

A daemon speaking the Docker Engine API (1.41) over drydock's simulated world, for the real
docker CLI: DOCKER_HOST=unix:///PATH docker ...

Options:
  -H, --host string        unix:///PATH or tcp://127.0.0.1:PORT (default unix://DATA_ROOT/drydock.sock)
      --data-root string   Where the world is kept (default $DRYDOCK_DATA_ROOT or ~/.drydock)
      --seed int           Seed of a new world (a saved world keeps its own)
      --unpaced            Fire events as fast as possible instead of following wall time
      --memory             Keep the world in memory only (nothing is saved)

Environment: DRYDOCK_REGISTRIES=HOST:PORT,… names registries reached over real HTTP.
`;

interface DaemonArgs {
  host?: string;
  dataRoot?: string;
  seed?: number;
  unpaced: boolean;
  memory: boolean;
}

/** Parses `drydock daemon`'s flags (`-H x`, `-H=x`, `--host x`, `--host=x`, …). */
export function parseDaemonArgs(argv: readonly string[]): DaemonArgs | { error: string } | "help" {
  const args: DaemonArgs = { unpaced: false, memory: false };
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    const equals = arg.indexOf("=");
    const flag = equals < 0 ? arg : arg.slice(0, equals);
    if (flag === "--help" || flag === "-h") return "help";
    if (flag === "--unpaced" || flag === "--memory") {
      args[flag === "--unpaced" ? "unpaced" : "memory"] = true;
      continue;
    }
    if (!["-H", "--host", "--data-root", "--seed"].includes(flag)) {
      return { error: `unknown flag: ${arg}` };
    }
    const value = equals < 0 ? argv[++index] : arg.slice(equals + 1);
    if (value === undefined) return { error: `flag needs an argument: ${flag}` };
    if (flag === "--data-root") args.dataRoot = value;
    else if (flag === "--seed") {
      if (!/^[0-9]{1,15}$/.test(value)) {
        return { error: `invalid argument "${value}" for "--seed" flag` };
      }
      args.seed = Number.parseInt(value, 10);
    } else args.host = value;
  }
  return args;
}

/**
 * `drydock daemon`: serves the Engine API until SIGINT or SIGTERM, then stops containers and
 * saves the world to the data root (the same world the embedded `drydock` commands use).
 */
export async function runDaemonCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  const parsed = parseDaemonArgs(argv);
  if (parsed === "help") {
    io.stdout.write(USAGE);
    return 0;
  }
  if ("error" in parsed) {
    io.stderr.write(`${parsed.error}\n\n${USAGE}`);
    return 125;
  }
  const dataRoot = dataRootOf(parsed.dataRoot, io.env);
  try {
    const address = parseEngineApiAddress(
      parsed.host ?? `unix://${join(dataRoot, "drydock.sock")}`,
    );
    const { startEngineApiDaemon } = await import("../node/engine-api-daemon.ts");
    // `DRYDOCK_REGISTRIES`: registries reached over real HTTP, as for the embedded commands.
    const spec = io.env.DRYDOCK_REGISTRIES ?? "";
    const remote =
      spec === ""
        ? undefined
        : (await import("../node/http-registries.ts")).parseHttpRegistries(spec);
    const daemon = await startEngineApiDaemon({
      address,
      remoteRegistries: remote?.resolver,
      dataRoot: parsed.memory ? undefined : dataRoot,
      seed: parsed.seed,
      paced: !parsed.unpaced,
      onError: (error) => io.stderr.write(`drydock daemon: ${describe(error)}\n`),
    });
    io.stderr.write(`API listen on ${daemon.url.replace(/^unix:\/\//, "")}\n`);
    await untilStopSignal();
    io.stderr.write("drydock daemon: shutting down\n");
    await daemon.close();
    remote?.close();
    return 0;
  } catch (error) {
    io.stderr.write(`drydock daemon: ${describe(error)}\n`);
    return 1;
  }
}

function describe(error: unknown): string {
  if (isDrydockError(error) || error instanceof Error) return error.message;
  return String(error);
}
