import { Bash, type Command, getCommandNames, getNetworkCommandNames } from "just-bash";
import { assert } from "../errors/assert.ts";

let prepared: Promise<void> | undefined;
let ready = false;

/**
 * Loads every just-bash command once, outside simulated time. just-bash loads its commands
 * lazily with `import()`, which settles only after real I/O: inside the event loop that looks like
 * a deadlock (nothing scheduled, work pending) or, worse, lets a command finish at an arbitrary
 * point of simulated time. Await this once per JavaScript realm before any simulation runs
 * processes; later calls return the same promise.
 */
export function prepareUserland(): Promise<void> {
  prepared ??= (async () => {
    const warm = new Bash({
      defenseInDepth: false,
      fetch: async () => ({
        status: 599,
        statusText: "",
        headers: {},
        body: new Uint8Array(0),
        url: "",
      }),
    });
    for (const name of [...getCommandNames(), ...getNetworkCommandNames()]) {
      await warm.exec(`${name} --help >/dev/null 2>&1; true`);
    }
    // tar loads its xz and zstd codecs lazily too, on first use.
    await warm.exec(
      "mkdir -p /warm && echo x > /warm/f && tar -cJf /warm.txz /warm && tar --zstd -cf /warm.tzst /warm; true",
    );
    ready = true;
  })();
  return prepared;
}

/** Whether `prepareUserland` has finished. */
export function isUserlandReady(): boolean {
  return ready;
}

/** Fails, as a programmer error, when a process would run before `prepareUserland` finished. */
export function assertUserlandReady(): void {
  assert(ready, "await prepareUserland() before running simulated processes");
}

/** Every command just-bash bundles (network ones included), by name. */
export const BUNDLED_COMMAND_NAMES: ReadonlySet<string> = new Set([
  ...getCommandNames(),
  ...getNetworkCommandNames(),
]);

interface RegisteredCommand extends Command {
  internalOriginalCommand?: Command;
  internalIsExtension?: boolean;
}

/**
 * The implementation just-bash bundles for `name` in this `Bash` instance, skipping drydock's
 * overrides. just-bash keeps its registry in a private field; the version is pinned (3.4.2)
 * and a unit test checks the field is still there.
 */
export function bundledCommand(bash: Bash, name: string): Command | undefined {
  const registry = (bash as unknown as { commands?: Map<string, RegisteredCommand> }).commands;
  assert(registry instanceof Map, "just-bash's command registry moved (Bash#commands)");
  const registered = registry.get(name);
  if (registered === undefined) return undefined;
  if (registered.internalOriginalCommand !== undefined) return registered.internalOriginalCommand;
  return registered.internalIsExtension === true ? undefined : registered;
}
