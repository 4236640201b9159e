import type { AttachSession } from "../engine/engine.ts";
import type { EngineCaller, HeaderList, HijackedPipe } from "./api-exchange.ts";
import { daemonHeaders, type ServerIdentity } from "./api-reply.ts";
import { outputChunks } from "./api-streams.ts";

/** The head of dockerd's attach answer (`101 UPGRADED`): no version headers, as 20.10 sends it. */
export const ATTACH_UPGRADE_HEADERS: HeaderList = [
  ["Content-Type", "application/vnd.docker.raw-stream"],
  ["Connection", "Upgrade"],
  ["Upgrade", "tcp"],
];

/** The head of dockerd's exec-start answer: the upgrade headers and the version headers. */
export function execUpgradeHeaders(identity: ServerIdentity): HeaderList {
  return [...ATTACH_UPGRADE_HEADERS, ...daemonHeaders(identity)];
}

/**
 * An attached process (attach or exec) as the pipe of a hijacked connection: its output as
 * stdcopy frames (raw with a TTY), the client's bytes as its stdin, the client's half-close as
 * EOF on stdin (only when stdin is attached: the CLI half-closes at once when it is not).
 */
export function attachPipe(options: {
  caller: EngineCaller;
  session: AttachSession;
  tty: boolean;
  stdin: boolean;
}): HijackedPipe {
  const { caller, session, tty, stdin } = options;
  const output = outputChunks(caller, session.output, tty);
  let closed = false;
  return {
    output: output.chunks,
    input: (data) => {
      if (stdin && !closed) void caller.call(async () => session.writeStdin(data));
    },
    inputEnd: () => {
      if (stdin && !closed) void caller.call(async () => session.closeStdin());
    },
    close: () => {
      if (closed) return;
      closed = true;
      output.cancel();
      void caller.call(async () => session.close());
    },
  };
}
