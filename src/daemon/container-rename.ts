import { DrydockError, isDrydockError } from "../errors/drydock-error.ts";
import type { Container } from "./container.ts";
import { normalizeContainerName } from "./container-store.ts";
import type { DaemonContext } from "./daemon-context.ts";
import { logContainerEvent } from "./daemon-events.ts";

/** `docker rename`: dockerd's checks and wording (`Error when allocating new name: …`). */
export function renameContainer(ctx: DaemonContext, container: Container, newName: string): void {
  const sameName = (): DrydockError =>
    new DrydockError(
      "InvalidArgument",
      "Renaming a container with the same name as its current name",
      { data: { name: newName } },
    );
  if (newName === "")
    throw new DrydockError("InvalidArgument", "Neither old nor new names may be empty", {
      data: {},
    });
  if (container.name === newName || container.shortName === newName) throw sameName();
  const oldName = container.name;
  let name: string;
  try {
    name = normalizeContainerName(newName.startsWith("/") ? newName : `/${newName}`);
    ctx.containers.reserveName(name, container.id);
  } catch (error) {
    if (!isDrydockError(error)) throw error;
    const message = error.message.replace(`(${newName})`, `(/${newName.replace(/^\//, "")})`);
    throw new DrydockError(error.code, `Error when allocating new name: ${message}`, {
      data: error.data,
      cause: error,
    });
  }
  ctx.containers.releaseName(oldName);
  container.name = name;
  logContainerEvent(ctx, container, "rename", { oldName });
}
