/**
 * Whether to colour text for a stream, by Node's own rules
 * (https://nodejs.org/api/cli.html#force_color1-2-3): FORCE_COLOR set to
 * anything but "0" or "false" turns colour on, even into a pipe, and wins over
 * NO_COLOR and NODE_DISABLE_COLORS; otherwise either of those (non-empty)
 * turns it off; otherwise colour only on a terminal that is not TERM=dumb.
 */
export function colorWanted(env: Readonly<Record<string, string | undefined>>, isTTY: boolean): boolean {
  const force = env["FORCE_COLOR"];
  if (force !== undefined) return force !== "0" && force.toLowerCase() !== "false";
  if (env["NO_COLOR"] || env["NODE_DISABLE_COLORS"]) return false;
  return isTTY && env["TERM"] !== "dumb";
}
