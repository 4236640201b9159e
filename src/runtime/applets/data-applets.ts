import type { Applet } from "./applet.ts";
import { ascii } from "./ascii.ts";
import { cmp } from "./cmp.ts";
import { crc32Sum } from "./crc32-sum.ts";
import { dd } from "./dd.ts";
import { dos2unix, unix2dos } from "./dos2unix.ts";
import { factor } from "./factor.ts";
import { fallocate } from "./fallocate.ts";
import { getopt } from "./getopt.ts";
import { md5sum, sha1sum, sha3sum, sha256sum, sha512sum } from "./hash-sum.ts";
import { hexdump } from "./hexdump.ts";
import { mkfifo } from "./mkfifo.ts";
import { mknod } from "./mknod.ts";
import { runParts } from "./run-parts.ts";
import { shuf } from "./shuf.ts";
import { ts } from "./ts.ts";
import { uudecode } from "./uudecode.ts";
import { uuencode } from "./uuencode.ts";
import { xxd } from "./xxd.ts";

/** busybox's byte and file tools (dd, cmp, hexdump, xxd, checksums, …), as drydock implements them. */
export const DATA_APPLETS: Readonly<Record<string, Applet>> = {
  ascii,
  cmp,
  crc32: crc32Sum,
  dd,
  dos2unix,
  factor,
  fallocate,
  getopt,
  hexdump,
  md5sum,
  mkfifo,
  mknod,
  "run-parts": runParts,
  sha1sum,
  sha256sum,
  sha3sum,
  sha512sum,
  shuf,
  ts,
  unix2dos,
  uudecode,
  uuencode,
  xxd,
};
