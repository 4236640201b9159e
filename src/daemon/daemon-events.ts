import type { Digest } from "../digest/digest.ts";
import type { Container } from "./container.ts";
import type { DaemonContext } from "./daemon-context.ts";

/**
 * Logs a container event with dockerd's attributes: the container's labels, `image` (the name
 * it was created from) and `name`, plus `extra` (`exitCode`, `signal`, `execID`…).
 */
export function logContainerEvent(
  ctx: DaemonContext,
  container: Container,
  action: string,
  extra: Readonly<Record<string, string>> = {},
): void {
  const attributes: Record<string, string> = { ...(container.config.labels ?? {}), ...extra };
  if (container.config.image !== "") attributes.image = container.config.image;
  attributes.name = container.shortName;
  ctx.events.log({ type: "container", action, actorId: container.id, attributes });
}

/** Logs an image event: the image's labels (if it still exists) and `name`. */
export function logImageEvent(
  ctx: DaemonContext,
  imageId: Digest | string,
  action: string,
  name: string,
): void {
  const image = ctx.images.has(imageId as Digest) ? ctx.images.get(imageId as Digest) : undefined;
  const attributes: Record<string, string> = { ...(image?.config.config?.labels ?? {}), name };
  ctx.events.log({ type: "image", action, actorId: imageId, attributes });
}
