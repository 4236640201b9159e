import type { JsonMessage } from "../../engine/json-message.ts";
import { DrydockError } from "../../errors/drydock-error.ts";
import type { DaemonContext } from "../daemon-context.ts";
import { pullImage } from "./pull-image.ts";

/**
 * Pulls a base image the builder needs (`FROM`, `COPY --from`) as dockerd's builder does: the
 * pull's progress goes into the build stream; a failed pull fails the step with the pull's
 * message.
 */
export async function pullForBuild(
  ctx: DaemonContext,
  request: { name: string; platform?: string; onProgress: (message: JsonMessage) => void },
): Promise<void> {
  const stream = pullImage(ctx, ctx.distribution, {
    fromImage: request.name,
    ...(request.platform === undefined ? {} : { platform: request.platform }),
  });
  for await (const message of stream) {
    if (message.errorDetail !== undefined)
      throw new DrydockError("Internal", message.errorDetail.message, {
        data: { name: request.name },
      });
    request.onProgress(message);
  }
}
