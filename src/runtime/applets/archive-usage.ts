/**
 * The usage texts of the archive applets, as `busybox APPLET --help` prints them after its
 * banner line (Debian's busybox-static 1:1.35.0-4+deb12u1+b1, recorded on the build machine).
 */
export const ARCHIVE_USAGE: Readonly<Record<string, string>> = {
  bunzip2:
    "\nUsage: bunzip2 [-cfk] [FILE]...\n\nDecompress FILEs (or stdin)\n\n\t-c\tWrite to stdout\n\t-f\tForce\n\t-k\tKeep input files\n\t-t\tTest integrity\n",
  bzcat: "\nUsage: bzcat [FILE]...\n\nDecompress to stdout\n",
  bzip2:
    "\nUsage: bzip2 [-cfkdt123456789] [FILE]...\n\nCompress FILEs (or stdin) with bzip2 algorithm\n\n\t-1..9\tCompression level\n\t-d\tDecompress\n\t-c\tWrite to stdout\n\t-f\tForce\n\t-k\tKeep input files\n\t-t\tTest integrity\n",
  unxz: "\nUsage: unxz [-cfk] [FILE]...\n\nDecompress FILEs (or stdin)\n\n\t-c\tWrite to stdout\n\t-f\tForce\n\t-k\tKeep input files\n\t-t\tTest integrity\n",
  xzcat: "\nUsage: xzcat [FILE]...\n\nDecompress to stdout\n",
  xz: "\nUsage: xz -d [-cfk] [FILE]...\n\nDecompress FILEs (or stdin)\n\n\t-d\tDecompress\n\t-c\tWrite to stdout\n\t-f\tForce\n\t-k\tKeep input files\n\t-t\tTest integrity\n",
  unlzma:
    "\nUsage: unlzma [-cfk] [FILE]...\n\nDecompress FILEs (or stdin)\n\n\t-c\tWrite to stdout\n\t-f\tForce\n\t-k\tKeep input files\n\t-t\tTest integrity\n",
  lzcat: "\nUsage: lzcat [FILE]...\n\nDecompress to stdout\n",
  lzma: "\nUsage: lzma -d [-cfk] [FILE]...\n\nDecompress FILEs (or stdin)\n\n\t-d\tDecompress\n\t-c\tWrite to stdout\n\t-f\tForce\n\t-k\tKeep input files\n\t-t\tTest integrity\n",
  uncompress:
    "\nUsage: uncompress [-cf] [FILE]...\n\nDecompress FILEs (or stdin)\n\n\t-c\tWrite to stdout\n\t-f\tOverwrite\n",
  unzip:
    "\nUsage: unzip [-lnojpq] FILE[.zip] [FILE]... [-x FILE]... [-d DIR]\n\nExtract FILEs from ZIP archive\n\n\t-l\tList contents (with -q for short form)\n\t-n\tNever overwrite files (default: ask)\n\t-o\tOverwrite\n\t-j\tDo not restore paths\n\t-p\tWrite to stdout\n\t-t\tTest\n\t-q\tQuiet\n\t-x FILE\tExclude FILEs\n\t-d DIR\tExtract into DIR\n",
  cpio: "\nUsage: cpio [-dmvu] [-F FILE] [-R USER[:GRP]] [-H newc] [-tio] [EXTR_FILE]...\n\nExtract (-i) or list (-t) files from a cpio archive, or\ntake file list from stdin and create an archive (-o)\n\nMain operation mode:\n\t-t\tList\n\t-i\tExtract EXTR_FILEs (or all)\n\t-o\tCreate (requires -H newc)\nOptions:\n\t-H newc\tArchive format\n\t-d\tMake leading directories\n\t-m\tRestore mtime\n\t-v\tVerbose\n\t-u\tOverwrite\n\t-F FILE\tInput (-t,-i,-p) or output (-o) file\n\t-R USER[:GRP]\tSet owner of created files\n\t-L\tDereference symlinks\n\t-0\tNUL terminated input\n\t--ignore-devno\n\t--renumber-inodes\n",
  tar: "\nUsage: tar c|x|t [-ZzJjahmvokO] [-f TARFILE] [-C DIR] [FILE]...\n\nCreate, extract, or list files from a tar file\n\n\tc\tCreate\n\tx\tExtract\n\tt\tList\n\t-f FILE\tName of TARFILE ('-' for stdin/out)\n\t-C DIR\tChange to DIR before operation\n\t-v\tVerbose\n\t-O\tExtract to stdout\n\t-m\tDon't restore mtime\n\t-o\tDon't restore user:group\n\t-k\tDon't replace existing files\n\t-Z\t(De)compress using compress\n\t-z\t(De)compress using gzip\n\t-J\t(De)compress using xz\n\t-j\t(De)compress using bzip2\n\t--lzma\t(De)compress using lzma\n\t-a\t(De)compress based on extension\n\t-h\tFollow symlinks\n\t--overwrite\t\tReplace existing files\n\t--strip-components NUM\tNUM of leading components to strip\n\t--no-recursion\t\tDon't descend in directories\n\t--numeric-owner\t\tUse numeric user:group\n\t--no-same-permissions\tDon't restore access permissions\n\t--to-command COMMAND\tPipe files to COMMAND\n",
};
