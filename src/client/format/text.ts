/** The 12-hex-digit short form of an ID (`stringid.TruncateID`): `sha256:` dropped first. */
export function truncateId(id: string): string {
  const colon = id.indexOf(":");
  const hex = colon >= 0 ? id.slice(colon + 1) : id;
  return hex.length > 12 ? hex.slice(0, 12) : hex;
}

/**
 * The docker CLI's `Ellipsis`: cuts text to `width` characters, the last one replaced by `…`
 * (`sh -c 'echo hi; ech…`). Characters are counted as code points (East Asian wide characters
 * count 2 in the CLI; drydock counts them 1).
 */
export function ellipsis(text: string, width: number): string {
  const chars = [...text];
  if (chars.length <= width) return text;
  if (width <= 0) return "";
  if (width === 1) return chars[0]!;
  return `${chars.slice(0, width - 1).join("")}…`;
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;
const MONTHS = [
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
] as const;

function pad2(value: number): string {
  return String(value).padStart(2, "0");
}

/** Go's `time.Time.String()` in UTC: `2026-11-28 00:06:04 +0000 UTC` (nanoseconds if any). */
export function goTimeString(instantUs: number, nanosecondDigits?: string): string {
  const date = new Date(Math.floor(instantUs / 1000));
  const day = `${date.getUTCFullYear()}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())}`;
  const time = `${pad2(date.getUTCHours())}:${pad2(date.getUTCMinutes())}:${pad2(date.getUTCSeconds())}`;
  const fraction = nanosecondDigits ?? fractionOf(instantUs);
  return `${day} ${time}${fraction === "" ? "" : `.${fraction}`} +0000 UTC`;
}

function fractionOf(instantUs: number): string {
  const micros = ((instantUs % 1_000_000) + 1_000_000) % 1_000_000;
  return micros === 0 ? "" : `${String(micros).padStart(6, "0")}000`.replace(/0+$/, "");
}

/** Go's `time.RFC3339` in UTC, whole seconds: `2026-11-28T00:06:00Z`. */
export function rfc3339Seconds(unixSeconds: number): string {
  const date = new Date(unixSeconds * 1000);
  return (
    `${date.getUTCFullYear()}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())}` +
    `T${pad2(date.getUTCHours())}:${pad2(date.getUTCMinutes())}:${pad2(date.getUTCSeconds())}Z`
  );
}

/** Go's `time.ANSIC`-like date docker prints for `Built:` (`Fri May 30 12:07:14 2025`). */
export function ansicDate(instantUs: number): string {
  const date = new Date(Math.floor(instantUs / 1000));
  const day = String(date.getUTCDate()).padStart(2, " ");
  const time = `${pad2(date.getUTCHours())}:${pad2(date.getUTCMinutes())}:${pad2(date.getUTCSeconds())}`;
  return `${WEEKDAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${day} ${time} ${date.getUTCFullYear()}`;
}
