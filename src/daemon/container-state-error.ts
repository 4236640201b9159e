import { DrydockError, type ErrorCode } from "../errors/drydock-error.ts";

/**
 * An operation that the container's state does not allow, with dockerd 20.10's words (checked
 * against the real daemon; see test/fixtures/daemon/README.md). Most are conflicts (HTTP 409);
 * dockerd reports a few as plain errors (500), e.g. unpausing a container that is not paused.
 */
export class ContainerStateError extends DrydockError {
  constructor(options: { code?: ErrorCode; message: string; containerId: string; reason: string }) {
    super(options.code ?? "Conflict", options.message, {
      data: { containerId: options.containerId, reason: options.reason },
    });
    this.name = "ContainerStateError";
  }

  /** `Container <id> is not running` */
  static notRunning(id: string): ContainerStateError {
    return new ContainerStateError({
      message: `Container ${id} is not running`,
      containerId: id,
      reason: "not-running",
    });
  }

  /** `Container <id> is not paused` (a 500 in dockerd) */
  static notPaused(id: string): ContainerStateError {
    return new ContainerStateError({
      code: "Internal",
      message: `Container ${id} is not paused`,
      containerId: id,
      reason: "not-paused",
    });
  }

  /** `Container <id> is already paused` */
  static alreadyPaused(id: string): ContainerStateError {
    return new ContainerStateError({
      message: `Container ${id} is already paused`,
      containerId: id,
      reason: "already-paused",
    });
  }

  /** `Container <id> is restarting, wait until the container is running` */
  static restarting(id: string): ContainerStateError {
    return new ContainerStateError({
      message: `Container ${id} is restarting, wait until the container is running`,
      containerId: id,
      reason: "restarting",
    });
  }

  /** `Container <name> is paused, unpause the container before exec` */
  static execPaused(name: string, id: string): ContainerStateError {
    return new ContainerStateError({
      message: `Container ${name} is paused, unpause the container before exec`,
      containerId: id,
      reason: "paused",
    });
  }

  /** `cannot start a paused container, try unpause instead` */
  static startPaused(id: string): ContainerStateError {
    return new ContainerStateError({
      message: "cannot start a paused container, try unpause instead",
      containerId: id,
      reason: "paused",
    });
  }

  /** `container is marked for removal and cannot be started` */
  static startRemoved(id: string): ContainerStateError {
    return new ContainerStateError({
      message: "container is marked for removal and cannot be started",
      containerId: id,
      reason: "removing",
    });
  }

  /** `You cannot remove a running container <id>. Stop the container before …` */
  static removeActive(id: string, status: string): ContainerStateError {
    const procedure = "Stop the container before attempting removal or force remove";
    const advice = status === "paused" ? `Unpause and then ${procedure.toLowerCase()}` : procedure;
    return new ContainerStateError({
      message: `You cannot remove a ${status} container ${id}. ${advice}`,
      containerId: id,
      reason: status,
    });
  }

  /** `removal of container <name> is already in progress` */
  static removalInProgress(name: string, id: string): ContainerStateError {
    return new ContainerStateError({
      message: `removal of container ${name} is already in progress`,
      containerId: id,
      reason: "removing",
    });
  }

  /** `container <name> is paused, unpause the container before attach` */
  static attachPaused(name: string, id: string): ContainerStateError {
    return new ContainerStateError({
      message: `container ${name} is paused, unpause the container before attach`,
      containerId: id,
      reason: "paused",
    });
  }
}
