import { shortId } from "../digest/digest.ts";
import { DrydockError } from "../errors/drydock-error.ts";

/** The two shapes of dockerd's image-delete conflicts. */
export type ImageDeleteConflict =
  | {
      /** `conflict: unable to delete <id> (must be forced|cannot be forced) - <reason>` */
      readonly kind: "image";
      readonly imageId: string;
      /** Hard conflicts cannot be forced (`-f` does not help). */
      readonly hard: boolean;
      readonly reason: string;
    }
  | {
      /** `conflict: unable to remove repository reference "<ref>" (must force) - container <c> is using its referenced image <id>` */
      readonly kind: "reference";
      readonly reference: string;
      readonly containerId: string;
      readonly imageId: string;
    };

/** dockerd's reasons, verbatim. */
export const IMAGE_DELETE_REASONS: {
  readonly multipleRepositories: string;
  readonly dependentChildren: string;
  readonly stoppedContainer: (containerId: string) => string;
  readonly runningContainer: (containerId: string) => string;
} = {
  multipleRepositories: "image is referenced in multiple repositories",
  dependentChildren: "image has dependent child images",
  stoppedContainer: (containerId) =>
    `image is being used by stopped container ${shortId(containerId)}`,
  runningContainer: (containerId) =>
    `image is being used by running container ${shortId(containerId)}`,
};

/**
 * `docker rmi` refused. The wording is dockerd 20.10's, checked against the real daemon:
 *
 * - `conflict: unable to delete 547e5ab2f6b3 (must be forced) - image is referenced in multiple repositories`
 * - `conflict: unable to delete bfd0be167123 (cannot be forced) - image has dependent child images`
 * - `conflict: unable to delete 547e5ab2f6b3 (must be forced) - image is being used by stopped container f757a1c2ac82`
 * - `conflict: unable to remove repository reference "imgtest-all:1" (must force) - container f757a1c2ac82 is using its referenced image 547e5ab2f6b3`
 */
export class ImageDeleteConflictError extends DrydockError {
  readonly conflict: ImageDeleteConflict;

  constructor(conflict: ImageDeleteConflict) {
    super("Conflict", messageOf(conflict), { data: { ...conflict } });
    this.name = "ImageDeleteConflictError";
    this.conflict = conflict;
  }
}

function messageOf(conflict: ImageDeleteConflict): string {
  if (conflict.kind === "reference") {
    return (
      `conflict: unable to remove repository reference "${conflict.reference}" (must force) - ` +
      `container ${shortId(conflict.containerId)} is using its referenced image ${shortId(conflict.imageId)}`
    );
  }
  const force = conflict.hard ? "cannot be forced" : "must be forced";
  return `conflict: unable to delete ${shortId(conflict.imageId)} (${force}) - ${conflict.reason}`;
}
