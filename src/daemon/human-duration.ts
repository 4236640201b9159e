import { US_PER_SECOND } from "../clock/clock.ts";

const US_PER_MINUTE = 60 * US_PER_SECOND;
const US_PER_HOUR = 60 * US_PER_MINUTE;

/**
 * A duration as Docker prints it in `docker ps` (`Up 2 minutes`, `Exited (0) 5 seconds ago`):
 * the wording of go-units' `HumanDuration`, which truncates seconds and minutes but rounds hours.
 */
export function humanDuration(durationUs: number): string {
  const seconds = Math.trunc(durationUs / US_PER_SECOND);
  if (seconds < 1) return "Less than a second";
  if (seconds === 1) return "1 second";
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.trunc(durationUs / US_PER_MINUTE);
  if (minutes === 1) return "About a minute";
  if (minutes < 60) return `${minutes} minutes`;
  const hours = roundHalfAway(durationUs / US_PER_HOUR);
  if (hours === 1) return "About an hour";
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.trunc(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.trunc(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24 / 30)} months`;
  return `${Math.trunc(Math.trunc(durationUs / US_PER_HOUR) / 24 / 365)} years`;
}

/** Go's `math.Round`: halves away from zero. */
function roundHalfAway(value: number): number {
  return value < 0 ? -Math.round(-value) : Math.round(value);
}
