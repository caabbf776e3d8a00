/**
 * Vitest fixtures shared by the tests (`test.extend`): import `test` from here
 * instead of from vitest, and ask for what the test needs by name.
 *
 *   test("plans", async ({ startSentry, depsDouble }) => {
 *     const sentry = await startSentry();                  // example org, on 127.0.0.1
 *     const { deps } = depsDouble({ fetch: globalThis.fetch, readDisk: true });
 *   });
 *
 * Every fake or server a test starts is closed after it, even when it fails,
 * so tests that use only these may run concurrently (describe.concurrent).
 */
import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { test as base } from "vitest";
import { startFakeGitHub, type FakeGitHub, type FakeGitHubOptions } from "../fakes/fake-github.js";
import { startFakeSentry, type FakeSentry, type FakeSentryOptions, type OrgSeed } from "../fakes/fake-sentry.js";
import { depsDouble, type DepsDouble, type DepsDoubleOptions } from "./deps-double.js";

/** The org most tests run against: test/fixtures/orgs/example-org.json. */
export const EXAMPLE_ORG = new URL("../fixtures/orgs/example-org.json", import.meta.url).pathname;
/** The owner's token in the example org. */
export const OWNER_TOKEN = "sntryu_owner_token_0123456789abcdef";

export interface SharedFixtures {
  /** Starts a fake Sentry on 127.0.0.1 (default: the example org); closed after the test. */
  startSentry: (seed?: OrgSeed | string, options?: FakeSentryOptions) => Promise<FakeSentry>;
  /** Starts a fake GitHub on 127.0.0.1; closed after the test. */
  startGitHub: (options?: FakeGitHubOptions) => Promise<FakeGitHub>;
  /** Builds the Deps double (test/support/deps-double.ts). */
  depsDouble: (options?: DepsDoubleOptions) => DepsDouble;
}

export interface ServerFixture {
  /** Starts a plain HTTP server on 127.0.0.1 (a proxy, a redirecting host…); closed after the test. */
  startServer: (handler: RequestListener) => Promise<LoopbackServer>;
}

/** A server the test wrote itself, on a loopback port. */
export interface LoopbackServer {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  /** For more listeners (a proxy's "connect"). */
  readonly server: Server;
  /** Cuts open connections and stops listening. */
  close(): Promise<void>;
}

async function listenOnLoopback(handler: RequestListener): Promise<LoopbackServer> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A test may close a fake itself (to simulate an outage); the fixture's own close then does nothing. */
function closesOnce<T extends { close(): Promise<void> }>(fake: T): T {
  const close = fake.close.bind(fake);
  let closing: Promise<void> | undefined;
  fake.close = () => (closing ??= close());
  return fake;
}

export const test = base.extend<SharedFixtures & ServerFixture>({
  // eslint-disable-next-line no-empty-pattern -- vitest reads the fixtures a test uses from this pattern
  startSentry: async ({}, use) => {
    const started: FakeSentry[] = [];
    await use(async (seed = EXAMPLE_ORG, options = {}) => {
      const sentry = closesOnce(await startFakeSentry(seed, options));
      started.push(sentry);
      return sentry;
    });
    await Promise.all(started.map((sentry) => sentry.close()));
  },
  // eslint-disable-next-line no-empty-pattern -- as above
  startGitHub: async ({}, use) => {
    const started: FakeGitHub[] = [];
    await use(async (options = {}) => {
      const github = closesOnce(await startFakeGitHub(options));
      started.push(github);
      return github;
    });
    await Promise.all(started.map((github) => github.close()));
  },
  // eslint-disable-next-line no-empty-pattern -- as above
  startServer: async ({}, use) => {
    const started: LoopbackServer[] = [];
    await use(async (handler) => {
      const server = closesOnce(await listenOnLoopback(handler));
      started.push(server);
      return server;
    });
    await Promise.all(started.map((server) => server.close()));
  },
  // eslint-disable-next-line no-empty-pattern -- as above
  depsDouble: async ({}, use) => {
    await use(depsDouble);
  },
});

export { describe, expect } from "vitest";
