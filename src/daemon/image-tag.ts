import { familiarString, parseNormalizedNamed, trimToName, withTag } from "../image/reference.ts";
import type { DaemonContext } from "./daemon-context.ts";
import { logImageEvent } from "./daemon-events.ts";

/**
 * `docker tag` (`POST /images/{name}/tag?repo=&tag=`): points `repo[:tag]` at the image (an
 * existing tag moves), records the tag time for inspect's `LastTagTime`, logs `tag`.
 */
export function tagImage(
  ctx: DaemonContext,
  source: string,
  options: { repo: string; tag?: string },
): void {
  const image = ctx.images.resolve(source);
  let reference = parseNormalizedNamed(options.repo);
  if (options.tag !== undefined && options.tag !== "")
    reference = withTag(trimToName(reference), options.tag);
  ctx.images.tag(reference, image.id, { timeUs: ctx.clock.nowUs() });
  logImageEvent(ctx, image.id, "tag", familiarString(reference));
}
