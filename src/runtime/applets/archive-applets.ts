import type { Applet } from "./applet.ts";
import { cpio } from "./cpio.ts";
import { decompressorApplet } from "./decompressor-applet.ts";
import { UNPACKERS } from "./decompressor-codecs.ts";
import { tar } from "./tar-applet.ts";
import { unzip } from "./unzip.ts";

const bunzip2 = decompressorApplet({ unpacker: UNPACKERS.bzip2 });
const unxz = decompressorApplet({ unpacker: UNPACKERS.xz });
const unlzma = decompressorApplet({ unpacker: UNPACKERS.lzma });

/** busybox's decompressors and archivers (bunzip2, unxz, unzip, cpio, …), as drydock implements them. */
export const ARCHIVE_APPLETS: Readonly<Record<string, Applet>> = {
  bunzip2,
  bzcat: decompressorApplet({ unpacker: UNPACKERS.bzip2, toStdout: true }),
  bzip2: decompressorApplet({ unpacker: UNPACKERS.bzip2, needsDecompressFlag: "refuse" }),
  unxz,
  xzcat: decompressorApplet({ unpacker: UNPACKERS.xz, toStdout: true }),
  xz: decompressorApplet({ unpacker: UNPACKERS.xz, needsDecompressFlag: "usage" }),
  unlzma,
  lzcat: decompressorApplet({ unpacker: UNPACKERS.lzma, toStdout: true }),
  lzma: decompressorApplet({ unpacker: UNPACKERS.lzma, needsDecompressFlag: "usage" }),
  uncompress: decompressorApplet({ unpacker: UNPACKERS.compress }),
  tar,
  cpio,
  unzip,
};
