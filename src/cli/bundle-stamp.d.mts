/** Where the CLI bundle and its stamp live, under the project root. */
export declare const BUNDLE_DIR: string;
/** The stamp's format; a bundle with another format is rebuilt. */
export declare const STAMP_FORMAT: number;
/** The entry of the CLI bundle under `root`, if it was built from the files there now. */
export declare function freshBundleEntry(root: string): string | undefined;
