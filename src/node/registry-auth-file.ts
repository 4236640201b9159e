import { readFile } from "node:fs/promises";
import { parse as parseYaml } from "yaml";
import { DrydockError } from "../errors/drydock-error.ts";
import type { AccessPolicyOptions, RepositoryAccess } from "../registry/server/access-policy.ts";

/** An auth file is small; anything larger is a mistake. */
const AUTH_FILE_SIZE_BYTES_MAX = 1024 * 1024;

/**
 * Reads `drydock registry --auth FILE`: YAML (or JSON) naming users and who may pull and push
 * what, as an `AccessPolicy` takes it. Passwords are in clear: this is a test registry.
 *
 * ```yaml
 * users:
 *   alice: wonderland
 * repositories:
 *   "alice/*": { push: [alice] }          # exact names, prefix/*, or *
 *   private: { pull: [alice], push: [alice] }
 * defaults: { public: true, push: ["*"] }  # "*": any signed-in user
 * ```
 */
export async function readRegistryAuthFile(path: string): Promise<AccessPolicyOptions> {
  const bytes = await readFile(path);
  if (bytes.length > AUTH_FILE_SIZE_BYTES_MAX)
    throw invalid(path, `larger than ${AUTH_FILE_SIZE_BYTES_MAX} bytes`);
  let value: unknown;
  try {
    value = parseYaml(bytes.toString("utf8"));
  } catch (cause) {
    throw invalid(path, `not YAML: ${(cause as Error).message}`);
  }
  return parseAuth(value, path);
}

/** Checks the shape of a parsed auth file. */
export function parseAuth(value: unknown, path: string): AccessPolicyOptions {
  if (!isRecord(value)) throw invalid(path, "want a mapping with users, repositories, defaults");
  for (const key of Object.keys(value))
    if (!["users", "repositories", "defaults"].includes(key))
      throw invalid(path, `unknown key ${key}`);
  const users: Record<string, string> = {};
  if (value.users !== undefined) {
    if (!isRecord(value.users)) throw invalid(path, "users: want name: password");
    for (const [name, password] of Object.entries(value.users)) {
      if (typeof password !== "string" && typeof password !== "number")
        throw invalid(path, `users.${name}: want a password`);
      users[name] = String(password);
    }
  }
  const repositories: Record<string, RepositoryAccess> = {};
  if (value.repositories !== undefined) {
    if (!isRecord(value.repositories)) throw invalid(path, "repositories: want name: access");
    for (const [name, access] of Object.entries(value.repositories))
      repositories[name] = accessOf(access, `repositories.${name}`, path);
  }
  return {
    users,
    repositories,
    ...(value.defaults === undefined
      ? {}
      : { defaults: accessOf(value.defaults, "defaults", path) }),
  };
}

function accessOf(value: unknown, where: string, path: string): RepositoryAccess {
  if (!isRecord(value)) throw invalid(path, `${where}: want public, pull, push`);
  const list = (key: "pull" | "push"): string[] | undefined => {
    const entries = value[key];
    if (entries === undefined) return undefined;
    if (!Array.isArray(entries) || !entries.every((entry) => typeof entry === "string"))
      throw invalid(path, `${where}.${key}: want a list of user names`);
    return entries as string[];
  };
  for (const key of Object.keys(value))
    if (!["public", "pull", "push"].includes(key))
      throw invalid(path, `${where}: unknown key ${key}`);
  if (value.public !== undefined && typeof value.public !== "boolean")
    throw invalid(path, `${where}.public: want true or false`);
  const pull = list("pull");
  const push = list("push");
  return {
    ...(value.public === undefined ? {} : { public: value.public as boolean }),
    ...(pull === undefined ? {} : { pull }),
    ...(push === undefined ? {} : { push }),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function invalid(path: string, reason: string): DrydockError {
  return new DrydockError("InvalidArgument", `auth file ${path}: ${reason}`, { data: { path } });
}
