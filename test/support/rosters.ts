/**
 * Roster fixtures (test/fixtures/rosters/*.yaml) by name, and a way to put one
 * where a command reads it. Each file's first comment says which org it is
 * meant for and what a plan against that org contains.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROSTERS = new URL("../fixtures/rosters/", import.meta.url);

/** The path of test/fixtures/rosters/NAME.yaml. */
export function rosterPath(name: string): string {
  return new URL(`${name}.yaml`, ROSTERS).pathname;
}

/** The text of test/fixtures/rosters/NAME.yaml. */
export function rosterText(name: string): string {
  return readFileSync(rosterPath(name), "utf8");
}

/** Copies the roster NAME (or literal `text`) to roster.yaml in a new temp directory; returns both paths. */
export function rosterInTempDir(name: string, text = rosterText(name)): { dir: string; path: string } {
  const dir = mkdtempSync(join(tmpdir(), "sentry-roster-test-"));
  const path = join(dir, "roster.yaml");
  writeFileSync(path, text);
  return { dir, path };
}
