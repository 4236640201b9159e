import { type TarEntry, tarEntry } from "../archive/tar-entry.ts";
import { writeTar } from "../archive/tar-writer.ts";
import { DEFAULT_EPOCH_US } from "../clock/clock.ts";
import { type Digest, digestOf } from "../digest/digest.ts";
import { sha256Hex } from "../digest/sha256.ts";
import { compareNames } from "../fs/compare-names.ts";
import {
  appendEmptyLayerHistory,
  appendLayer,
  type Image,
  scratchImage,
  withConfig,
} from "../image/image.ts";
import { apkBaseState } from "./apk-program.ts";
import { simProgramBinary } from "./binary-format.ts";
import { BUSYBOX_APPLET_DIRS, BUSYBOX_APPLETS } from "./busybox-applets.ts";

/** One layer of an offline image: its entries, its tar (Docker's bytes) and its diffID. */
export interface OfflineLayer {
  readonly entries: readonly TarEntry[];
  readonly tar: Uint8Array;
  readonly diffId: Digest;
}

/** An image of the simulated world that needs no registry: the daemon loads it as a pull would. */
export interface OfflineImage {
  /** `busybox:latest`. */
  readonly reference: string;
  readonly image: Image;
  readonly layers: readonly OfflineLayer[];
}

/** Layer times of offline images: fixed, so their digests never change. */
export const OFFLINE_IMAGE_CREATED_US: number = DEFAULT_EPOCH_US;

const DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/**
 * The file drydock puts where busybox goes. Debian's busybox-static cannot ship with drydock, so
 * the offline image carries this stand-in: an ELF-looking file with busybox's signature, which the
 * runtime recognises (by content, as it recognises the real binary) and runs as busybox 1.35
 * with standalone applets, like Debian's build.
 */
export function busyboxStandIn(): Uint8Array {
  return simProgramBinary(
    "busybox",
    "BusyBox v1.35.0 (drydock stand-in) multi-call binary.\n" +
      "The shell in this build is configured to run built-in utilities without $PATH search.\n" +
      "This file is not a program: drydock's simulated runtime recognises it and runs its own busybox.\n",
  );
}

/**
 * `busybox:latest` of the simulated world, the same recipe as this repository's real one:
 *
 *     FROM scratch
 *     COPY busybox /bin/busybox
 *     RUN ["/bin/busybox", "--install", "-s", "/bin"]
 *     CMD ["sh"]
 *
 * with the stand-in binary. Built in-process, byte for byte the same every time.
 */
export function busyboxImage(options: { createdUs?: number } = {}): OfflineImage {
  const createdUs = options.createdUs ?? OFFLINE_IMAGE_CREATED_US;
  const owner = { uid: 0, gid: 0, uname: "root", gname: "root", mtimeUs: createdUs };
  const binary = busyboxStandIn();
  const bin = tarEntry({ path: "bin", type: "directory", mode: 0o755, ...owner });
  const copy = layer([
    bin,
    tarEntry({ path: "bin/busybox", type: "file", mode: 0o755, data: binary, ...owner }),
  ]);
  const links = BUSYBOX_APPLETS.filter((name) => name !== "busybox").map((name) =>
    tarEntry({
      path: `bin/${name}`,
      type: "symlink",
      mode: 0o777,
      linkTarget: "/bin/busybox",
      ...owner,
    }),
  );
  const install = layer([bin, ...links]);
  let image = scratchImage({ createdUs });
  image = appendLayer(image, {
    diffId: copy.diffId,
    history: {
      createdUs,
      createdBy: `/bin/sh -c #(nop) COPY file:${sha256Hex(binary)} in /bin/busybox `,
    },
  });
  image = appendLayer(image, {
    diffId: install.diffId,
    history: { createdUs, createdBy: "/bin/busybox --install -s /bin" },
  });
  image = appendEmptyLayerHistory(image, { createdUs, createdBy: '/bin/sh -c #(nop)  CMD ["sh"]' });
  image = withConfig(image, { config: { env: [DEFAULT_PATH], cmd: ["sh"] } });
  return { reference: "busybox:latest", image, layers: [copy, install] };
}

const ALPINE_PASSWD =
  "root:x:0:0:root:/root:/bin/sh\nbin:x:1:1:bin:/bin:/sbin/nologin\ndaemon:x:2:2:daemon:/sbin:/sbin/nologin\n" +
  "adm:x:3:4:adm:/var/adm:/sbin/nologin\nmail:x:8:12:mail:/var/mail:/sbin/nologin\n" +
  "operator:x:11:0:operator:/root:/sbin/nologin\ncron:x:16:16:cron:/var/spool/cron:/sbin/nologin\n" +
  "ftp:x:21:21::/var/lib/ftp:/sbin/nologin\nsshd:x:22:22:sshd:/dev/null:/sbin/nologin\n" +
  "games:x:35:35:games:/usr/games:/sbin/nologin\nntp:x:123:123:NTP:/var/empty:/sbin/nologin\n" +
  "guest:x:405:100:guest:/dev/null:/sbin/nologin\nnobody:x:65534:65534:nobody:/:/sbin/nologin\n";
const ALPINE_GROUP =
  "root:x:0:root\nbin:x:1:root,bin,daemon\ndaemon:x:2:root,bin,daemon\nsys:x:3:root,bin,adm\n" +
  "adm:x:4:root,adm,daemon\ntty:x:5:\ndisk:x:6:root,adm\nwheel:x:10:root\nmail:x:12:mail\n" +
  "cron:x:16:cron\nftp:x:21:\nsshd:x:22:\ngames:x:35:\nntp:x:123:\nusers:x:100:games\n" +
  "nogroup:x:65533:\nnobody:x:65534:\n";
const ALPINE_OS_RELEASE =
  'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.19.1\nPRETTY_NAME="Alpine Linux v3.19 (drydock simulated)"\n' +
  'HOME_URL="https://alpinelinux.org/"\nBUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"\n';

/**
 * An Alpine-like `alpine:latest` for the simulated world: Alpine 3.19's layout, account files and
 * `/etc/os-release`, busybox (as Alpine builds it: applets need their links, no standalone
 * lookup) with its links where Alpine puts them, and a simulated `apk` (see `APK_PROGRAM`) whose
 * tiny repository has `curl`, `jq` and `bash`. One layer, built in-process and deterministic.
 */
export function alpineImage(options: { createdUs?: number } = {}): OfflineImage {
  const createdUs = options.createdUs ?? OFFLINE_IMAGE_CREATED_US;
  const owner = { uid: 0, gid: 0, uname: "root", gname: "root", mtimeUs: createdUs };
  const encoder = new TextEncoder();
  const dirs = [
    "bin",
    "dev",
    "etc",
    "etc/apk",
    "home",
    "lib",
    "lib/apk",
    "lib/apk/db",
    "media",
    "mnt",
    "opt",
    "proc",
    "root",
    "run",
    "sbin",
    "srv",
    "sys",
    "tmp",
    "usr",
    "usr/bin",
    "usr/lib",
    "usr/local",
    "usr/local/bin",
    "usr/sbin",
    "usr/share",
    "var",
    "var/cache",
    "var/cache/apk",
    "var/log",
    "var/tmp",
  ];
  const special: Readonly<Record<string, number>> = { root: 0o700, tmp: 0o1777, "var/tmp": 0o1777 };
  const entries: TarEntry[] = dirs.map((path) =>
    tarEntry({ path, type: "directory", mode: special[path] ?? 0o755, ...owner }),
  );
  const text = (path: string, content: string | Uint8Array, mode = 0o644) =>
    tarEntry({
      path,
      type: "file",
      mode,
      data: typeof content === "string" ? encoder.encode(content) : content,
      ...owner,
    });
  const apk = apkBaseState();
  entries.push(
    text(
      "bin/busybox",
      simProgramBinary(
        "busybox",
        "BusyBox v1.36.1 (drydock stand-in, Alpine build) multi-call binary.\n",
      ),
      0o755,
    ),
    text("etc/alpine-release", "3.19.1\n"),
    text(
      "etc/apk/repositories",
      "https://dl-cdn.alpinelinux.org/alpine/v3.19/main\nhttps://dl-cdn.alpinelinux.org/alpine/v3.19/community\n",
    ),
    text("etc/apk/world", apk.world),
    text("etc/group", ALPINE_GROUP),
    text("etc/hostname", "localhost\n"),
    text("etc/os-release", ALPINE_OS_RELEASE),
    text("etc/passwd", ALPINE_PASSWD),
    text("lib/apk/db/installed", apk.installed),
    text("sbin/apk", simProgramBinary("apk"), 0o755),
  );
  for (const [dir, names] of Object.entries(BUSYBOX_APPLET_DIRS)) {
    for (const name of names) {
      if (name === "busybox" || dir === "/") continue;
      entries.push(
        tarEntry({
          path: `${dir.slice(1)}/${name}`,
          type: "symlink",
          mode: 0o777,
          linkTarget: "/bin/busybox",
          ...owner,
        }),
      );
    }
  }
  const root = layer(sortEntries(entries));
  let image = scratchImage({ createdUs });
  image = appendLayer(image, {
    diffId: root.diffId,
    history: { createdUs, createdBy: "/bin/sh -c #(nop) ADD file:drydock-alpine-3.19 in / " },
  });
  image = appendEmptyLayerHistory(image, {
    createdUs,
    createdBy: '/bin/sh -c #(nop)  CMD ["/bin/sh"]',
  });
  image = withConfig(image, { config: { env: [DEFAULT_PATH], cmd: ["/bin/sh"] } });
  return { reference: "alpine:latest", image, layers: [root] };
}

/** Entries in layer order: depth first, names by bytes, each directory before what it holds. */
function sortEntries(entries: TarEntry[]): TarEntry[] {
  const key = (path: string) => path.split("/");
  return entries.sort((a, b) => {
    const x = key(a.path);
    const y = key(b.path);
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
      if (x[i] !== y[i]) return compareNames(x[i]!, y[i]!);
    }
    return x.length - y.length;
  });
}

/** A layer from its entries: the tar Docker would write and its diffID. */
export function offlineLayer(entries: readonly TarEntry[]): OfflineLayer {
  return layer(entries);
}

function layer(entries: readonly TarEntry[]): OfflineLayer {
  const tar = writeTar(entries);
  return { entries, tar, diffId: digestOf(tar) };
}
