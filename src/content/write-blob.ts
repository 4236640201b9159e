import type { Digest } from "../digest/digest.ts";
import type { BlobInfo, BlobIngester } from "./content-store.ts";

/**
 * Writes bytes in hand as one blob: open, write, commit (verifying `expectedDigest` if given),
 * abort on any failure. Returns the committed blob's info.
 */
export async function writeBlob(
  ingester: BlobIngester,
  bytes: Uint8Array,
  options: { ref?: string; expectedDigest?: Digest } = {},
): Promise<BlobInfo> {
  const writer = await ingester.writer({ ref: options.ref });
  try {
    await writer.write(bytes);
    return await writer.commit({
      expectedDigest: options.expectedDigest,
      expectedSizeBytes: bytes.length,
    });
  } catch (error) {
    await writer.abort();
    throw error;
  }
}
