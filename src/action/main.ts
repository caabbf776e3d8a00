import * as core from "@actions/core";

/** Placeholder until the Action issue: fails clearly instead of doing nothing. */
export async function run(): Promise<void> {
  core.setFailed("sentry-roster: the Action is not built yet");
}
