import { DrydockError } from "../errors/drydock-error.ts";

/**
 * A container name refused by dockerd: not matching `^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$` (so one
 * character is too short), or already taken.
 */
export class ContainerNameError extends DrydockError {
  readonly containerName: string;

  constructor(options: { kind: "invalid" | "conflict"; name: string; holderId?: string }) {
    super(
      options.kind === "invalid" ? "InvalidArgument" : "Conflict",
      options.kind === "invalid"
        ? `Invalid container name (${options.name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`
        : `Conflict. The container name "${options.name}" is already in use by container "${options.holderId ?? ""}". You have to remove (or rename) that container to be able to reuse that name.`,
      { data: { ...options } },
    );
    this.name = "ContainerNameError";
    this.containerName = options.name;
  }
}
