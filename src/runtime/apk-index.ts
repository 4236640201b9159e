import { simProgramBinary } from "./binary-format.ts";

/** One package of the simulated Alpine repository. */
export interface ApkPackage {
  readonly name: string;
  readonly version: string;
  readonly depends: readonly string[];
  /** Installed size, for apk's `OK: N MiB` line. */
  readonly sizeBytes: number;
  /** Files the package puts in the root filesystem, with their content and mode. */
  readonly files: readonly {
    readonly path: string;
    readonly data: Uint8Array;
    readonly mode: number;
  }[];
}

const encoder = new TextEncoder();
const program = (path: string, name: string) => ({
  path,
  data: simProgramBinary(name),
  mode: 0o755,
});
const library = (path: string, size: number) => ({
  path,
  data: encoder.encode(`simulated ${path} (${size} bytes)\n`),
  mode: 0o755,
});

/**
 * The simulated Alpine v3.19 repository: a few packages people install in Dockerfiles, with
 * their real versions and dependency shapes, and binaries that are drydock's simulated
 * programs (`curl` and `jq` run just-bash's implementations, `bash` runs the just-bash shell).
 */
export const APK_INDEX: ReadonlyMap<string, ApkPackage> = new Map(
  (
    [
      {
        name: "ca-certificates",
        version: "20240226-r0",
        depends: [],
        sizeBytes: 688_128,
        files: [
          {
            path: "etc/ssl/certs/ca-certificates.crt",
            data: encoder.encode("# simulated CA bundle\n"),
            mode: 0o644,
          },
        ],
      },
      {
        name: "brotli-libs",
        version: "1.1.0-r1",
        depends: [],
        sizeBytes: 790_528,
        files: [library("usr/lib/libbrotlicommon.so.1", 790_528)],
      },
      {
        name: "c-ares",
        version: "1.27.0-r0",
        depends: [],
        sizeBytes: 192_512,
        files: [library("usr/lib/libcares.so.2", 192_512)],
      },
      {
        name: "libidn2",
        version: "2.3.4-r4",
        depends: [],
        sizeBytes: 196_608,
        files: [library("usr/lib/libidn2.so.0", 196_608)],
      },
      {
        name: "nghttp2-libs",
        version: "1.58.0-r0",
        depends: [],
        sizeBytes: 167_936,
        files: [library("usr/lib/libnghttp2.so.14", 167_936)],
      },
      {
        name: "libpsl",
        version: "0.21.5-r0",
        depends: [],
        sizeBytes: 77_824,
        files: [library("usr/lib/libpsl.so.5", 77_824)],
      },
      {
        name: "zstd-libs",
        version: "1.5.5-r8",
        depends: [],
        sizeBytes: 684_032,
        files: [library("usr/lib/libzstd.so.1", 684_032)],
      },
      {
        name: "libcurl",
        version: "8.9.1-r1",
        depends: ["brotli-libs", "c-ares", "libidn2", "nghttp2-libs", "libpsl", "zstd-libs"],
        sizeBytes: 712_704,
        files: [library("usr/lib/libcurl.so.4", 712_704)],
      },
      {
        name: "curl",
        version: "8.9.1-r1",
        depends: ["ca-certificates", "libcurl"],
        sizeBytes: 258_048,
        files: [program("usr/bin/curl", "curl")],
      },
      {
        name: "oniguruma",
        version: "6.9.9-r0",
        depends: [],
        sizeBytes: 557_056,
        files: [library("usr/lib/libonig.so.5", 557_056)],
      },
      {
        name: "jq",
        version: "1.7.1-r0",
        depends: ["oniguruma"],
        sizeBytes: 372_736,
        files: [program("usr/bin/jq", "jq")],
      },
      {
        name: "ncurses-terminfo-base",
        version: "6.4_p20231125-r0",
        depends: [],
        sizeBytes: 40_960,
        files: [{ path: "etc/terminfo/x/xterm", data: encoder.encode("xterm\n"), mode: 0o644 }],
      },
      {
        name: "libncursesw",
        version: "6.4_p20231125-r0",
        depends: ["ncurses-terminfo-base"],
        sizeBytes: 425_984,
        files: [library("usr/lib/libncursesw.so.6", 425_984)],
      },
      {
        name: "readline",
        version: "8.2.1-r2",
        depends: ["libncursesw"],
        sizeBytes: 286_720,
        files: [library("usr/lib/libreadline.so.8", 286_720)],
      },
      {
        name: "bash",
        version: "5.2.21-r0",
        depends: ["readline"],
        sizeBytes: 1_339_392,
        files: [program("bin/bash", "bash")],
      },
    ] satisfies ApkPackage[]
  ).map((pkg) => [pkg.name, pkg]),
);

/** What the base image has installed (`/lib/apk/db/installed`), with the size apk counts. */
export const APK_BASE_PACKAGES: readonly { name: string; version: string; sizeBytes: number }[] = [
  { name: "alpine-baselayout", version: "3.4.3-r2", sizeBytes: 331_776 },
  { name: "alpine-baselayout-data", version: "3.4.3-r2", sizeBytes: 17_408 },
  { name: "alpine-keys", version: "2.4-r1", sizeBytes: 143_360 },
  { name: "apk-tools", version: "2.14.0-r5", sizeBytes: 307_200 },
  { name: "busybox", version: "1.36.1-r15", sizeBytes: 950_272 },
  { name: "busybox-binsh", version: "1.36.1-r15", sizeBytes: 4_096 },
  { name: "ca-certificates-bundle", version: "20240226-r0", sizeBytes: 233_472 },
  { name: "libc-utils", version: "0.7.2-r5", sizeBytes: 4_096 },
  { name: "libcrypto3", version: "3.1.4-r5", sizeBytes: 4_206_592 },
  { name: "libssl3", version: "3.1.4-r5", sizeBytes: 610_304 },
  { name: "musl", version: "1.2.4_git20230717-r4", sizeBytes: 634_880 },
  { name: "musl-utils", version: "1.2.4_git20230717-r4", sizeBytes: 282_624 },
  { name: "scanelf", version: "1.3.7-r2", sizeBytes: 69_632 },
  { name: "ssl_client", version: "1.36.1-r15", sizeBytes: 28_672 },
  { name: "zlib", version: "1.3.1-r0", sizeBytes: 102_400 },
];
