import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { tabwriterFormat } from "../../../../src/client/format/tab-writer.ts";
import {
  ansicDate,
  ellipsis,
  goTimeString,
  rfc3339Seconds,
  truncateId,
} from "../../../../src/client/format/text.ts";
import {
  bytesSize,
  humanDuration,
  humanSize,
  humanSizeWithPrecision,
} from "../../../../src/client/format/units.ts";
import { naturalCompare } from "../../../../src/client/formatter/natural-less.ts";
import { displayablePorts } from "../../../../src/client/formatter/ports.ts";

const S = 1_000_000;

describe("docker's text formatting", () => {
  it("aligns like Go's tabwriter with docker's settings (min 10, padding 3)", () => {
    assert.equal(
      tabwriterFormat("CONTAINER ID\tPORTS\tNAMES\n6d656305eff5\t\tloving\n"),
      "CONTAINER ID   PORTS     NAMES\n6d656305eff5             loving\n",
    );
    // The text after a line's last tab is not a cell: never padded, never widening a column.
    assert.equal(
      tabwriterFormat("a\tbbbbbbbbbbbbbbbbbbbb\nccc\td\n"),
      "a         bbbbbbbbbbbbbbbbbbbb\nccc       d\n",
    );
    // A line without tabs ends the column block above it.
    assert.equal(
      tabwriterFormat("aaaaaaaaaaaaaa\tx\nmid\nb\ty\n"),
      "aaaaaaaaaaaaaa   x\nmid\nb         y\n",
    );
    // Widths count characters, not bytes.
    assert.equal(tabwriterFormat("é…\tx\n"), "é…        x\n");
  });

  it("prints sizes like go-units", () => {
    assert.equal(humanSizeWithPrecision(1985499, 3), "1.99MB");
    assert.equal(humanSizeWithPrecision(0, 3), "0B");
    assert.equal(humanSizeWithPrecision(3216, 3), "3.22kB");
    assert.equal(humanSizeWithPrecision(999_500, 3), "1e+03kB");
    assert.equal(humanSize(1987 * 1000 + 0), "1.987MB");
    assert.equal(humanSize(2048), "2.048kB");
    assert.equal(humanSize(35990), "35.99kB");
    assert.equal(bytesSize(25_275_000_000), "23.54GiB");
  });

  it("prints durations like go-units HumanDuration", () => {
    const cases: [number, string][] = [
      [0.5 * S, "Less than a second"],
      [1 * S, "1 second"],
      [59 * S, "59 seconds"],
      [60 * S, "About a minute"],
      [119 * S, "About a minute"],
      [120 * S, "2 minutes"],
      [3599 * S, "59 minutes"],
      [3600 * S, "About an hour"],
      [5399 * S, "About an hour"],
      [5400 * S, "2 hours"],
      [47 * 3600 * S, "47 hours"],
      [48 * 3600 * S, "2 days"],
      [14 * 24 * 3600 * S, "2 weeks"],
      [60 * 24 * 3600 * S, "2 months"],
      [800 * 24 * 3600 * S, "2 years"],
    ];
    for (const [duration, text] of cases)
      assert.equal(humanDuration(duration), text, `${duration / S}s`);
  });

  it("truncates IDs and text like the CLI", () => {
    assert.equal(truncateId(`sha256:${"ab".repeat(32)}`), "abababababab");
    assert.equal(ellipsis("sh -c 'echo hi; echo err-line >&2'", 20), "sh -c 'echo hi; ech…");
    assert.equal(ellipsis("short", 20), "short");
  });

  it("prints times like Go", () => {
    assert.equal(
      goTimeString(Date.UTC(2026, 10, 28, 0, 6, 4) * 1000),
      "2026-11-28 00:06:04 +0000 UTC",
    );
    assert.equal(
      goTimeString(Date.UTC(2026, 10, 28) * 1000, "262706349"),
      "2026-11-28 00:00:00.262706349 +0000 UTC",
    );
    assert.equal(rfc3339Seconds(Date.UTC(2026, 10, 28, 0, 6) / 1000), "2026-11-28T00:06:00Z");
    assert.equal(ansicDate(Date.UTC(2026, 4, 7, 21, 9, 36) * 1000), "Thu May  7 21:09:36 2026");
  });

  it("sorts names naturally and groups ports", () => {
    assert.deepEqual(["vol10", "vol2", "a", "vol02"].sort(naturalCompare), [
      "a",
      "vol2",
      "vol02",
      "vol10",
    ]);
    assert.equal(
      displayablePorts([
        { IP: "::", PrivatePort: 8080, PublicPort: 18080, Type: "tcp" },
        { IP: "0.0.0.0", PrivatePort: 8080, PublicPort: 18080, Type: "tcp" },
        { PrivatePort: 81, Type: "tcp" },
        { PrivatePort: 80, Type: "tcp" },
        { PrivatePort: 53, Type: "udp" },
      ]),
      "53/udp, 80-81/tcp, 0.0.0.0:18080->8080/tcp, [::]:18080->8080/tcp",
    );
  });
});
