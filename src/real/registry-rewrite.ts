/**
 * With `--hosts`, the user's dockerds cannot be given a private /etc/hosts, so a scenario's
 * registry names (`registry.local:5000`) are rewritten to real addresses (`--registry
 * registry.local:5000=127.0.0.1:5000`) in command lines and client files, and back in what the
 * commands print. Output columns sized by a name (`docker images`) may then be wider or narrower
 * than they would be with the name itself.
 */
import { DrydockError } from "../errors/drydock-error.ts";
import type { NameRewrite } from "./real-scenario-runner.ts";

const ADDRESS = /^[A-Za-z0-9.-]+(?::\d{1,5})?$/;

/** A rewrite from `name → address` pairs; throws a clear error for malformed ones. */
export function registryRewrite(pairs: Readonly<Record<string, string>>): NameRewrite {
  const entries = Object.entries(pairs);
  for (const [name, address] of entries)
    if (!ADDRESS.test(name) || !ADDRESS.test(address))
      throw new DrydockError(
        "InvalidArgument",
        `--registry takes NAME=HOST:PORT pairs (registry.local:5000=127.0.0.1:5000), got ${name}=${address}`,
      );
  const swap = (from: string, to: string) => {
    // A name only where a reference has it: not inside a longer name (`myregistry.local:5000`).
    const pattern = new RegExp(`(?<![A-Za-z0-9.-])${escapeRegExp(from)}(?![A-Za-z0-9.:-])`, "g");
    return (text: string) => text.replace(pattern, to);
  };
  const toReal = entries.map(([name, address]) => swap(name, address));
  const fromReal = entries.map(([name, address]) => swap(address, name));
  return {
    toReal: (text) => toReal.reduce((result, rewrite) => rewrite(result), text),
    fromReal: (text) => fromReal.reduce((result, rewrite) => rewrite(result), text),
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
