/**
 * One regular file of a directory tree produced in memory (an OCI image layout, an unpacked
 * archive): a `/`-separated relative path and its bytes. A list of these can be written to the
 * virtual filesystem or, with `src/node/write-file-list.ts`, to a real directory.
 */
export interface LayoutFile {
  readonly path: string;
  readonly data: Uint8Array;
}
