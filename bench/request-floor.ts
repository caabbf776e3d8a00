// Child process of `npm run bench`: the requests of one `plan` and nothing else, to
// measure the floor an HTTP client sets under the CLI's wall time (docs/benchmarks.md).
// It reads the lists the plan read (each list's pages in order, as one reader), with the
// plan's concurrency, through either the CLI's own transport (undici, the same agent and
// settings, src/commands/undici-transport.ts) or Node's http module, parses each answer's
// JSON and exits. No roster, no plan, no output: what is left of the CLI's work is the
// HTTP stack and Node. Run through the CLI's code-cache runner (bench/request-floor-entry.ts).
import { request as httpRequest, Agent } from "node:http";
import { createUndiciTransport } from "../src/commands/undici-transport.js";

/** What the bench hands over, as JSON in the last argument. */
export interface RequestFloorConfig {
  readonly baseUrl: string;
  readonly token: string;
  /** Readers at once, as the client (MAX_CONCURRENT_READS). */
  readonly concurrency: number;
  readonly transport: "undici" | "node-http";
  /** Each list's request paths with their query, in order; one reader reads a list. */
  readonly lists: readonly (readonly string[])[];
}

const config = JSON.parse(process.argv.at(-1) ?? "{}") as RequestFloorConfig;
const headers = { Authorization: `Bearer ${config.token}`, Accept: "application/json" };

function viaUndici(): (path: string) => Promise<unknown> {
  const transport = createUndiciTransport();
  return async (path) => {
    const answer = await transport(`${config.baseUrl}${path}`, {
      method: "GET",
      headers,
      body: undefined,
      redirect: "manual",
      signal: AbortSignal.timeout(30_000),
    });
    return JSON.parse(await answer.text()) as unknown;
  };
}

function viaNodeHttp(): (path: string) => Promise<unknown> {
  const agent = new Agent({ keepAlive: true, maxSockets: config.concurrency + 1 });
  const base = new URL(config.baseUrl);
  return (path) =>
    new Promise((resolve, reject) => {
      const sent = httpRequest({ host: base.hostname, port: base.port, path, agent, headers }, (answer) => {
        let text = "";
        answer.setEncoding("utf8");
        answer.on("data", (chunk: string) => (text += chunk));
        answer.on("end", () => resolve(JSON.parse(text) as unknown));
        answer.on("error", reject);
      });
      sent.on("error", reject);
      sent.end();
    }).finally(() => {
      if (--pending === 0) agent.destroy();
    });
}

let pending = config.lists.reduce((sum, list) => sum + list.length, 0);
const get = config.transport === "undici" ? viaUndici() : viaNodeHttp();
const queue = [...config.lists];
async function reader(): Promise<void> {
  for (let list = queue.shift(); list; list = queue.shift()) for (const path of list) await get(path);
}
void Promise.all(Array.from({ length: config.concurrency }, reader));
