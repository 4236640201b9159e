import type { AuthConfig } from "../../engine/api-types.ts";
import { base64Decode } from "./base64.ts";

/**
 * What a registry client authenticates with: a user name and password (from `docker login` or
 * the `X-Registry-Auth` of a push or pull), or a bearer token handed over as is.
 */
export type RegistryCredentials =
  | { readonly kind: "basic"; readonly username: string; readonly password: string }
  | { readonly kind: "bearer"; readonly registryToken: string };

/**
 * Credentials from an Engine API auth config: `registrytoken` wins, then `username`/`password`,
 * then `auth` (base64 `user:password`). Empty configs (the CLI's `{}`) give none.
 */
export function credentialsFromAuthConfig(
  config: AuthConfig | undefined,
): RegistryCredentials | undefined {
  if (config === undefined) return undefined;
  if (config.registrytoken !== undefined && config.registrytoken !== "")
    return { kind: "bearer", registryToken: config.registrytoken };
  if (config.username !== undefined && config.username !== "")
    return { kind: "basic", username: config.username, password: config.password ?? "" };
  if (config.auth === undefined || config.auth === "") return undefined;
  const decoded = base64Decode(config.auth);
  if (decoded === undefined) return undefined;
  const text = new TextDecoder().decode(decoded);
  const colon = text.indexOf(":");
  if (colon <= 0) return undefined;
  return { kind: "basic", username: text.slice(0, colon), password: text.slice(colon + 1) };
}

/** The user name of credentials, or "" (anonymous, or a bare token). */
export function usernameOf(credentials: RegistryCredentials | undefined): string {
  return credentials?.kind === "basic" ? credentials.username : "";
}
