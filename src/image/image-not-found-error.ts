import { DrydockError } from "../errors/drydock-error.ts";

/**
 * No image answers to what the user asked for. The message is dockerd's: `No such image: `
 * followed by the reference as the user would write it with the default tag added
 * (`No such image: nosuch:latest`), or the ID (`No such image: sha256:…`). An ambiguous ID
 * prefix is reported the same way, as dockerd 20.10 does; `data.ambiguous` tells them apart.
 */
export class ImageNotFoundError extends DrydockError {
  constructor(options: { reference: string; ambiguous?: boolean; candidates?: readonly string[] }) {
    super("NotFound", `No such image: ${options.reference}`, {
      data: {
        reference: options.reference,
        ambiguous: options.ambiguous ?? false,
        candidates: [...(options.candidates ?? [])],
      },
    });
    this.name = "ImageNotFoundError";
  }
}
