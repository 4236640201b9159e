import { DrydockError } from "../errors/drydock-error.ts";

/** A blob the store does not hold. The message is containerd's wording. */
export class BlobNotFoundError extends DrydockError {
  constructor(digest: string) {
    super("NotFound", `content digest ${digest}: not found`, { data: { digest } });
    this.name = "BlobNotFoundError";
  }
}
