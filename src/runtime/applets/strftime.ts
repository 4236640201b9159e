const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

const pad = (value: number, width = 2, fill = "0") => String(value).padStart(width, fill);

/**
 * C's strftime in UTC (containers run with TZ unset), for `date +FORMAT`. Unknown conversions
 * are copied as they are, as busybox's date does (`%N` included).
 */
export function strftime(format: string, instantUs: number): string {
  const date = new Date(Math.floor(instantUs / 1000));
  let out = "";
  for (let i = 0; i < format.length; i++) {
    const char = format[i]!;
    if (char !== "%" || i + 1 >= format.length) {
      out += char;
      continue;
    }
    const spec = format[++i]!;
    const value = conversion(spec, date, instantUs);
    out += value ?? `%${spec}`;
  }
  return out;
}

function conversion(spec: string, date: Date, instantUs: number): string | undefined {
  const hour = date.getUTCHours();
  switch (spec) {
    case "a":
      return DAYS[date.getUTCDay()]!.slice(0, 3);
    case "A":
      return DAYS[date.getUTCDay()]!;
    case "b":
    case "h":
      return MONTHS[date.getUTCMonth()]!.slice(0, 3);
    case "B":
      return MONTHS[date.getUTCMonth()]!;
    case "c":
      return strftime("%a %b %e %H:%M:%S %Y", instantUs);
    case "C":
      return pad(Math.floor(date.getUTCFullYear() / 100));
    case "d":
      return pad(date.getUTCDate());
    case "D":
      return strftime("%m/%d/%y", instantUs);
    case "e":
      return pad(date.getUTCDate(), 2, " ");
    case "F":
      return strftime("%Y-%m-%d", instantUs);
    case "H":
      return pad(hour);
    case "I":
      return pad(hour % 12 === 0 ? 12 : hour % 12);
    case "j":
      return pad(dayOfYear(date), 3);
    case "k":
      return pad(hour, 2, " ");
    case "l":
      return pad(hour % 12 === 0 ? 12 : hour % 12, 2, " ");
    case "m":
      return pad(date.getUTCMonth() + 1);
    case "M":
      return pad(date.getUTCMinutes());
    case "n":
      return "\n";
    case "p":
      return hour < 12 ? "AM" : "PM";
    case "r":
      return strftime("%I:%M:%S %p", instantUs);
    case "R":
      return strftime("%H:%M", instantUs);
    case "s":
      return String(Math.floor(instantUs / 1_000_000));
    case "S":
      return pad(date.getUTCSeconds());
    case "t":
      return "\t";
    case "T":
      return strftime("%H:%M:%S", instantUs);
    case "u":
      return String(date.getUTCDay() === 0 ? 7 : date.getUTCDay());
    case "w":
      return String(date.getUTCDay());
    case "x":
      return strftime("%m/%d/%y", instantUs);
    case "X":
      return strftime("%H:%M:%S", instantUs);
    case "y":
      return pad(date.getUTCFullYear() % 100);
    case "Y":
      return String(date.getUTCFullYear());
    case "z":
      return "+0000";
    case "Z":
      return "UTC";
    case "%":
      return "%";
    default:
      return undefined;
  }
}

function dayOfYear(date: Date): number {
  const start = Date.UTC(date.getUTCFullYear(), 0, 1);
  return Math.floor((date.getTime() - start) / 86_400_000) + 1;
}

/**
 * The dates `date -d` and `touch -d` accept (a subset of busybox's): `@SECONDS`,
 * `YYYY-MM-DD[ T]HH:MM[:SS]`, `YYYY-MM-DD`, `HH:MM[:SS]` (today). Undefined when unparsable.
 */
export function parseDateString(text: string, nowUs: number): number | undefined {
  const trimmed = text.trim();
  const epoch = /^@(-?[0-9]+)$/.exec(trimmed);
  if (epoch !== null) return Number(epoch[1]) * 1_000_000;
  const full =
    /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[ T]([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?)?$/.exec(
      trimmed,
    );
  if (full !== null) {
    const [, y, mo, d, h, mi, s] = full;
    return (
      Date.UTC(
        Number(y),
        Number(mo) - 1,
        Number(d),
        Number(h ?? 0),
        Number(mi ?? 0),
        Number(s ?? 0),
      ) * 1000
    );
  }
  const time = /^([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?$/.exec(trimmed);
  if (time !== null) {
    const today = new Date(Math.floor(nowUs / 1000));
    return (
      Date.UTC(
        today.getUTCFullYear(),
        today.getUTCMonth(),
        today.getUTCDate(),
        Number(time[1]),
        Number(time[2]),
        Number(time[3] ?? 0),
      ) * 1000
    );
  }
  return undefined;
}
