import { DrydockError, type ErrorCode } from "../errors/drydock-error.ts";

/**
 * `docker network connect`/`disconnect` refused, in dockerd 20.10's words and classes (moby's
 * runconfig errors are 400s, libnetwork's duplicate endpoint a 403, plain errors 500s).
 * Recorded in test/fixtures/daemon/network-connect.json.
 */
export class NetworkConnectError extends DrydockError {
  constructor(code: ErrorCode, message: string, data: Readonly<Record<string, unknown>> = {}) {
    super(code, message, { data });
    this.name = "NetworkConnectError";
  }

  static hostNetwork(): NetworkConnectError {
    return new NetworkConnectError(
      "InvalidArgument",
      "container cannot be disconnected from host network or connected to host network",
    );
  }

  static sharedNetwork(): NetworkConnectError {
    return new NetworkConnectError(
      "InvalidArgument",
      "container sharing network namespace with another container or host cannot be connected to any other network",
    );
  }

  static noneNetwork(): NetworkConnectError {
    return new NetworkConnectError(
      "InvalidArgument",
      "container cannot be connected to multiple networks with one of the networks in private (none) mode",
    );
  }

  static ipOnPredefined(): NetworkConnectError {
    return new NetworkConnectError(
      "InvalidArgument",
      "user specified IP address is supported on user defined networks only",
    );
  }

  static aliasOnPredefined(): NetworkConnectError {
    return new NetworkConnectError(
      "InvalidArgument",
      "network-scoped alias is supported only for containers in user defined networks",
    );
  }

  static ipWithoutSubnet(): NetworkConnectError {
    return new NetworkConnectError(
      "InvalidArgument",
      "user specified IP address is supported only when connecting to networks with user configured subnets",
    );
  }

  static endpointExists(container: string, network: string): NetworkConnectError {
    return new NetworkConnectError(
      "PermissionDenied",
      `endpoint with name ${container} already exists in network ${network}`,
      { container, network },
    );
  }

  /** A stopped container (`the network`) or a running one (`network`): a plain 500. */
  static notConnected(
    containerId: string,
    network: string,
    options: { running: boolean },
  ): NetworkConnectError {
    const the = options.running ? "" : "the ";
    return new NetworkConnectError(
      "Internal",
      `container ${containerId} is not connected to ${the}network ${network}`,
      { containerId, network },
    );
  }

  /** `disconnect -f` of a container that does not exist and has no endpoint by that name. */
  static endpointNotFound(name: string): NetworkConnectError {
    return new NetworkConnectError("NotFound", `endpoint ${name} not found`, { name });
  }

  /** moby's `errRemovalContainer` (a plain 500). */
  static markedForRemoval(containerId: string): NetworkConnectError {
    return new NetworkConnectError(
      "Internal",
      `Container ${containerId} is marked for removal and cannot be connected or disconnected to the network`,
      { containerId },
    );
  }

  /** dockerd's `GetContainer("")`. */
  static emptyContainerName(): NetworkConnectError {
    return new NetworkConnectError("InvalidArgument", 'invalid name or ID supplied: ""');
  }
}
