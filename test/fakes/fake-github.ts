import { type IncomingMessage, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** GitHub rejects longer comment bodies with 422. */
export const GITHUB_MAX_BODY = 65_536;

/** Who a token is, and whether it may write (a fork PR's token may not). */
export interface FakeGitHubToken {
  /** REST login, e.g. "github-actions[bot]"; GraphQL viewer answers it without "[bot]", as GitHub does. */
  readonly login: string;
  readonly readOnly?: boolean;
}

/** A PR comment as the fake holds it. */
export interface FakeComment {
  readonly id: number;
  readonly node_id: string;
  body: string;
  readonly user: { readonly login: string };
  minimized: boolean;
  /** Login of the last editor, when edited. */
  editor: string | null;
  readonly issue: number;
}

/** A pull request associated with a commit. */
export interface FakePull {
  readonly number: number;
  readonly merged_at: string | null;
  readonly merge_commit_sha: string | null;
  readonly head: { readonly sha: string };
}

/** One request the fake received; the token is never logged. */
export interface FakeGitHubRequest {
  readonly method: string;
  /** Path without the GHES prefix and without the query. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly body: unknown;
  readonly authorized: boolean;
}

/** What the fake starts with. */
export interface FakeGitHubOptions {
  /** token → identity; defaults to one token "gh-token" for github-actions[bot]. */
  readonly tokens?: Readonly<Record<string, FakeGitHubToken>>;
  /** "/api/v3" to serve GHES paths (GraphQL then lives at /api/graphql). */
  readonly prefix?: "" | "/api/v3";
  /** Comments per page when listing (GitHub's per_page is capped at 100). */
  readonly pageSize?: number;
  /** sha → PRs associated with that commit. */
  readonly pulls?: Readonly<Record<string, readonly FakePull[]>>;
}

/** A running fake GitHub on loopback. */
export interface FakeGitHub {
  /** The URL to use as GITHUB_API_URL (with the GHES prefix when set). */
  readonly apiUrl: string;
  /** The URL to use as GITHUB_GRAPHQL_URL. */
  readonly graphqlUrl: string;
  /** The server root, for GITHUB_SERVER_URL. */
  readonly url: string;
  readonly requests: FakeGitHubRequest[];
  /** Comments of one issue, oldest first. */
  comments(issue: number): FakeComment[];
  /** Adds a comment as `login` (a person, or a spoofing bot). */
  addComment(issue: number, body: string, login: string): FakeComment;
  /** Simulates a person editing a comment. */
  editComment(id: number, body: string, editor: string): void;
  /** Sets the PRs GitHub associates with a commit. */
  setPulls(sha: string, pulls: readonly FakePull[]): void;
  close(): Promise<void>;
}

const DEFAULT_TOKENS: Readonly<Record<string, FakeGitHubToken>> = { "gh-token": { login: "github-actions[bot]" } };

/** Starts a loopback GitHub subset: issue comments, PRs of a commit, GraphQL viewer/nodes/minimize. */
export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const tokens = options.tokens ?? DEFAULT_TOKENS;
  const prefix = options.prefix ?? "";
  const pageSize = options.pageSize ?? 30;
  const comments: FakeComment[] = [];
  const pulls = new Map<string, readonly FakePull[]>(Object.entries(options.pulls ?? {}));
  const requests: FakeGitHubRequest[] = [];
  let nextId = 1000;
  let base = "";

  const newComment = (issue: number, body: string, login: string): FakeComment => {
    nextId += 1;
    const comment: FakeComment = { id: nextId, node_id: `IC_${nextId}`, body, user: { login }, minimized: false, editor: null, issue };
    comments.push(comment);
    return comment;
  };
  const restComment = (comment: FakeComment) => ({
    id: comment.id,
    node_id: comment.node_id,
    body: comment.body,
    user: { login: comment.user.login, type: comment.user.login.endsWith("[bot]") ? "Bot" : "User" },
    html_url: `${base}/comments/${comment.id}`,
  });

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const text = await readBody(request);
    const body: unknown = text ? safeJson(text) : undefined;
    const auth = /^(?:token|bearer)\s+(.+)$/i.exec(request.headers.authorization ?? "")?.[1];
    const identity = auth ? tokens[auth] : undefined;
    const graphqlPath = prefix ? "/api/graphql" : "/graphql";
    // Outside the prefix (e.g. /graphql on GHES) nothing matches: the fake answers 404 as GitHub would.
    const path =
      url.pathname === graphqlPath ? "/graphql" : url.pathname.startsWith(`${prefix}/`) ? url.pathname.slice(prefix.length) : `(outside ${prefix})${url.pathname}`;
    requests.push({ method: request.method ?? "GET", path, query: Object.fromEntries(url.searchParams), body, authorized: identity !== undefined });
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
      response.end(payload === undefined ? "" : JSON.stringify(payload));
    };
    if (!identity) return send(401, { message: "Bad credentials", documentation_url: "https://docs.github.com/rest" });
    const forbidden = () => send(403, { message: "Resource not accessible by integration", documentation_url: "https://docs.github.com/rest" });
    const tooLong = (value: unknown): boolean => {
      if (typeof value !== "string" || value.length <= GITHUB_MAX_BODY) return false;
      send(422, {
        message: "Validation Failed",
        errors: [{ resource: "IssueComment", code: "custom", field: "body", message: "Body is too long (maximum is 65536 characters)" }],
      });
      return true;
    };

    if (path === "/graphql" && request.method === "POST") {
      const { query = "", variables = {} } = (body ?? {}) as { query?: string; variables?: Record<string, unknown> };
      if (query.includes("minimizeComment")) {
        if (identity.readOnly) return send(200, { data: null, errors: [{ type: "FORBIDDEN", message: "Resource not accessible by integration" }] });
        const target = comments.find((comment) => comment.node_id === variables["id"]);
        if (target) target.minimized = true;
        return send(200, { data: { minimizeComment: { clientMutationId: null } } });
      }
      if (query.includes("nodes(")) {
        const ids = (variables["ids"] ?? []) as string[];
        const nodes = ids.map((id) => {
          const found = comments.find((comment) => comment.node_id === id);
          return found ? { id: found.node_id, isMinimized: found.minimized, editor: found.editor ? { login: found.editor } : null } : null;
        });
        return send(200, { data: { nodes } });
      }
      if (query.includes("viewer")) return send(200, { data: { viewer: { login: identity.login.replace(/\[bot\]$/, "") } } });
      return send(200, { data: null, errors: [{ message: "the fake GitHub does not serve this query" }] });
    }

    const list = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(path);
    if (list) {
      const issue = Number(list[3]);
      if (request.method === "GET") {
        const perPage = Math.min(Number(url.searchParams.get("per_page") ?? pageSize), pageSize);
        const page = Number(url.searchParams.get("page") ?? "1");
        const ofIssue = comments.filter((comment) => comment.issue === issue);
        const slice = ofIssue.slice((page - 1) * perPage, page * perPage);
        const headers: Record<string, string> = {};
        if (page * perPage < ofIssue.length) {
          const next = new URL(url.pathname, base);
          next.searchParams.set("per_page", String(perPage));
          next.searchParams.set("page", String(page + 1));
          headers["link"] = `<${next.href}>; rel="next"`;
        }
        return send(200, slice.map(restComment), headers);
      }
      if (request.method === "POST") {
        if (identity.readOnly) return forbidden();
        const value = (body as { body?: unknown } | undefined)?.body;
        if (tooLong(value)) return;
        return send(201, restComment(newComment(issue, String(value ?? ""), identity.login)));
      }
    }
    const one = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/.exec(path);
    if (one && request.method === "PATCH") {
      if (identity.readOnly) return forbidden();
      const target = comments.find((comment) => comment.id === Number(one[3]));
      if (!target) return send(404, { message: "Not Found" });
      const value = (body as { body?: unknown } | undefined)?.body;
      if (tooLong(value)) return;
      target.body = String(value ?? "");
      target.editor = identity.login.replace(/\[bot\]$/, "");
      return send(200, restComment(target));
    }
    const commitPulls = /^\/repos\/([^/]+)\/([^/]+)\/commits\/([0-9a-f]+)\/pulls$/.exec(path);
    if (commitPulls && request.method === "GET") return send(200, pulls.get(commitPulls[3] ?? "") ?? []);
    return send(404, { message: "Not Found", documentation_url: "https://docs.github.com/rest" });
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.writeHead(500, { "content-type": "application/json" });
      response.end(JSON.stringify({ message: String(error) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    apiUrl: `${base}${prefix}`,
    graphqlUrl: `${base}${prefix ? "/api/graphql" : "/graphql"}`,
    url: base,
    requests,
    comments: (issue) => comments.filter((comment) => comment.issue === issue),
    addComment: newComment,
    editComment: (id, body, editor) => {
      const target = comments.find((comment) => comment.id === id);
      if (!target) throw new Error(`no comment ${id}`);
      target.body = body;
      target.editor = editor;
    },
    setPulls: (sha, list) => pulls.set(sha, list),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
