import { COMMANDS, GROUPS } from "./command-table.ts";

const COMMON = [
  "run",
  "exec",
  "ps",
  "build",
  "pull",
  "push",
  "images",
  "login",
  "logout",
  "version",
  "info",
];

function lines(entries: readonly (readonly [string, string])[]): string {
  return entries.map(([name, short]) => `  ${name.padEnd(12)}${short.split("\n")[0]}`).join("\n");
}

/** `drydock --help`: docker's root help, listing the commands drydock has. */
export function rootHelp(): string {
  const common = COMMON.flatMap((name) => {
    const spec = COMMANDS.get(name);
    return spec === undefined ? [] : [[name, spec.short] as const];
  });
  const management = [...GROUPS.values()].map((group) => [group.name, group.short] as const).sort();
  const others = [...COMMANDS.values()]
    .filter((spec) => !COMMON.includes(spec.name))
    .map((spec) => [spec.name, spec.short] as const)
    .sort(([left], [right]) => (left < right ? -1 : 1));
  return (
    "Usage:  docker [OPTIONS] COMMAND\n\n" +
    "A self-sufficient runtime for containers (drydock: simulated, in-process)\n\n" +
    `Common Commands:\n${lines(common)}\n\n` +
    `Management Commands:\n${lines(management)}\n\n` +
    `Commands:\n${lines(others)}\n\n` +
    "Global Options:\n" +
    "      --data-root string   Where the embedded engine keeps its state (default\n" +
    '                           "$DRYDOCK_DATA_ROOT" or "~/.drydock")\n' +
    "  -D, --debug              Enable debug mode\n" +
    "  -H, --host list          Daemon socket to connect to (not supported yet)\n" +
    '  -l, --log-level string   Set the logging level ("debug", "info",\n' +
    '                           "warn", "error", "fatal") (default "info")\n' +
    "  -v, --version            Print version information and quit\n\n" +
    "Run 'docker COMMAND --help' for more information on a command.\n"
  );
}
