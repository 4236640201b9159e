import type { Clock } from "../../clock/clock.ts";
import type { AuthConfig, AuthResponse } from "../../engine/api-types.ts";
import { DrydockError, isDrydockError } from "../../errors/drydock-error.ts";
import { credentialsFromAuthConfig } from "../../registry/client/registry-credentials.ts";
import type { Tracer } from "../../trace/tracer.ts";
import type { DaemonDistribution } from "./daemon-distribution.ts";

/**
 * `docker login` (`POST /auth`): checks the credentials with the registry as dockerd does (see
 * `RegistryClient.login`) and answers `{"Status":"Login Succeeded","IdentityToken":""}`. A
 * refused login is dockerd's error (`Get "http://…/v2/": unauthorized: incorrect username or
 * password`, HTTP 401); an unreachable registry fails as a pull would (HTTP 500).
 */
export async function registryLogin(
  distribution: DaemonDistribution,
  options: { config: AuthConfig; clock: Clock; tracer: Tracer },
): Promise<AuthResponse> {
  const domain = serverDomain(options.config.serveraddress ?? "");
  const credentials = credentialsFromAuthConfig(options.config);
  const client = distribution.client({ domain, clock: options.clock, credentials });
  let identityToken: string;
  try {
    ({ identityToken } = await client.login());
  } catch (error) {
    if (!isDrydockError(error) || error.code === "Unauthenticated") throw error;
    throw new DrydockError("Internal", error.message, { data: error.data, cause: error });
  }
  if (credentials !== undefined) distribution.remember(domain, credentials);
  options.tracer.emit({
    kind: "daemon.registry.login",
    data: { registry: client.endpoint.domain },
  });
  return { Status: "Login Succeeded", IdentityToken: identityToken };
}

/** dockerd's `ConvertToHostname`: the registry of a login's server address (Hub when empty). */
function serverDomain(address: string): string {
  let host = address.replace(/^https?:\/\//, "");
  host = host.split("/")[0] ?? "";
  return host === "" ? "docker.io" : host;
}
