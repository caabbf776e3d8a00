import { type IncomingMessage, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** GitHub rejects longer comment bodies with 422. */
export const GITHUB_MAX_BODY = 65_536;

/** Who a token is, and whether it may write (a fork PR's token may not). */
export interface FakeGitHubToken {
  /** REST login, e.g. "github-actions[bot]"; GraphQL viewer answers it without "[bot]", as GitHub does. */
  readonly login: string;
  readonly readOnly?: boolean;
  /** The job was not granted `issues: write`: issue writes answer 403 (comments on PRs still work). */
  readonly noIssues?: boolean;
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
  /** ISO times from the fake's clock, as REST `created_at` / `updated_at` (every edit moves `updated_at`). */
  readonly created_at: string;
  updated_at: string;
}

/** A pull request review (REST GET /repos/{o}/{r}/pulls/{n}/reviews). */
export interface FakeReview {
  readonly id: number;
  readonly user: { readonly login: string };
  readonly state: "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" | "DISMISSED";
  /** The head commit the review was given on. */
  readonly commit_id: string;
  readonly submitted_at: string;
}

/** An issue (not a pull request) as the fake holds it. */
export interface FakeIssue {
  readonly number: number;
  title: string;
  body: string;
  state: "open" | "closed";
  state_reason: string | null;
  labels: string[];
  readonly user: { readonly login: string };
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
  /** Where the fake's clock starts (ISO); every write moves it one second on, so times are ordered and deterministic. */
  readonly startTime?: string;
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
  /** A review of a PR by `login` on `commitId`, submitted now (the fake's clock). */
  addReview(pull: number, review: { readonly login: string; readonly state: FakeReview["state"]; readonly commitId: string }): FakeReview;
  /** Reviews of one PR, oldest first. */
  reviews(pull: number): FakeReview[];
  /** Issues (not PRs) created through the API or addIssue, oldest first. */
  issues(): FakeIssue[];
  /** Adds an issue as `login`. */
  addIssue(issue: { readonly title: string; readonly body: string; readonly labels: readonly string[]; readonly login: string }): FakeIssue;
  /** The fake's clock (ISO), then one second on. */
  tick(): string;
  close(): Promise<void>;
}

const DEFAULT_TOKENS: Readonly<Record<string, FakeGitHubToken>> = { "gh-token": { login: "github-actions[bot]" } };

/** Starts a loopback GitHub subset: issue comments, PRs of a commit, PR reviews, issues with labels, GraphQL viewer/nodes/minimize. */
export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const tokens = options.tokens ?? DEFAULT_TOKENS;
  const prefix = options.prefix ?? "";
  const pageSize = options.pageSize ?? 30;
  const comments: FakeComment[] = [];
  const pulls = new Map<string, readonly FakePull[]>(Object.entries(options.pulls ?? {}));
  const requests: FakeGitHubRequest[] = [];
  const reviews = new Map<number, FakeReview[]>();
  const issues: FakeIssue[] = [];
  let nextId = 1000;
  let nextIssue = 500;
  let clock = Date.parse(options.startTime ?? "2026-11-23T09:00:00Z");
  let base = "";
  // GitHub's timestamps have whole seconds; one second per write keeps "before" and "after" unambiguous.
  const tick = (): string => {
    const now = new Date(clock).toISOString().replace(/\.\d{3}Z$/, "Z");
    clock += 1000;
    return now;
  };

  const newComment = (issue: number, body: string, login: string): FakeComment => {
    nextId += 1;
    const now = tick();
    const comment: FakeComment = { id: nextId, node_id: `IC_${nextId}`, body, user: { login }, minimized: false, editor: null, issue, created_at: now, updated_at: now };
    comments.push(comment);
    return comment;
  };
  const restComment = (comment: FakeComment) => ({
    id: comment.id,
    node_id: comment.node_id,
    body: comment.body,
    user: { login: comment.user.login, type: comment.user.login.endsWith("[bot]") ? "Bot" : "User" },
    created_at: comment.created_at,
    updated_at: comment.updated_at,
    html_url: `${base}/comments/${comment.id}`,
  });
  const newIssue = (issue: { readonly title: string; readonly body: string; readonly labels: readonly string[]; readonly login: string }): FakeIssue => {
    nextIssue += 1;
    const created: FakeIssue = { number: nextIssue, title: issue.title, body: issue.body, state: "open", state_reason: null, labels: [...issue.labels], user: { login: issue.login } };
    issues.push(created);
    return created;
  };
  const restIssue = (issue: FakeIssue) => ({
    number: issue.number,
    title: issue.title,
    body: issue.body,
    state: issue.state,
    state_reason: issue.state_reason,
    labels: issue.labels.map((name) => ({ name })),
    user: { login: issue.user.login, type: issue.user.login.endsWith("[bot]") ? "Bot" : "User" },
    html_url: `${base}/issues/${issue.number}`,
  });
  const paged = <T>(url: URL, all: readonly T[], send: (status: number, payload: unknown, headers?: Record<string, string>) => void) => {
    const perPage = Math.min(Number(url.searchParams.get("per_page") ?? pageSize), pageSize);
    const page = Number(url.searchParams.get("page") ?? "1");
    const headers: Record<string, string> = {};
    if (page * perPage < all.length) {
      const next = new URL(url.pathname, base);
      for (const [key, value] of url.searchParams) next.searchParams.set(key, value);
      next.searchParams.set("per_page", String(perPage));
      next.searchParams.set("page", String(page + 1));
      headers["link"] = `<${next.href}>; rel="next"`;
    }
    send(200, all.slice((page - 1) * perPage, page * perPage), headers);
  };

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
      if (request.method === "GET") return paged(url, comments.filter((comment) => comment.issue === issue).map(restComment), send);
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
      target.updated_at = tick();
      return send(200, restComment(target));
    }
    const commitPulls = /^\/repos\/([^/]+)\/([^/]+)\/commits\/([0-9a-f]+)\/pulls$/.exec(path);
    if (commitPulls && request.method === "GET") return send(200, pulls.get(commitPulls[3] ?? "") ?? []);
    const pullReviews = /^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)\/reviews$/.exec(path);
    if (pullReviews && request.method === "GET") return paged(url, reviews.get(Number(pullReviews[3])) ?? [], send);
    const issueList = /^\/repos\/([^/]+)\/([^/]+)\/issues$/.exec(path);
    if (issueList && request.method === "GET") {
      // GitHub's `labels` filter is a comma-separated list that an issue must all carry; `state` defaults to open.
      const wanted = (url.searchParams.get("labels") ?? "").split(",").filter(Boolean);
      const state = url.searchParams.get("state") ?? "open";
      const matching = issues.filter((issue) => (state === "all" || issue.state === state) && wanted.every((label) => issue.labels.includes(label)));
      return paged(url, matching.map(restIssue), send);
    }
    if (issueList && request.method === "POST") {
      if (identity.readOnly || identity.noIssues) return forbidden();
      const fields = (body ?? {}) as { title?: unknown; body?: unknown; labels?: unknown };
      if (typeof fields.title !== "string" || fields.title === "") {
        return send(422, { message: "Validation Failed", errors: [{ resource: "Issue", code: "missing_field", field: "title" }] });
      }
      if (tooLong(fields.body)) return;
      // Labels that do not exist yet are created with the issue, as GitHub does for a user with push access.
      const labels = Array.isArray(fields.labels) ? fields.labels.map(String) : [];
      return send(201, restIssue(newIssue({ title: fields.title, body: String(fields.body ?? ""), labels, login: identity.login })));
    }
    const oneIssue = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)$/.exec(path);
    if (oneIssue && request.method === "PATCH") {
      if (identity.readOnly || identity.noIssues) return forbidden();
      const target = issues.find((issue) => issue.number === Number(oneIssue[3]));
      if (!target) return send(404, { message: "Not Found" });
      const fields = (body ?? {}) as { title?: unknown; body?: unknown; state?: unknown; state_reason?: unknown };
      if (tooLong(fields.body)) return;
      if (typeof fields.title === "string") target.title = fields.title;
      if (typeof fields.body === "string") target.body = fields.body;
      if (fields.state === "open" || fields.state === "closed") target.state = fields.state;
      if (typeof fields.state_reason === "string") target.state_reason = fields.state_reason;
      return send(200, restIssue(target));
    }
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
      target.updated_at = tick();
    },
    setPulls: (sha, list) => pulls.set(sha, list),
    addReview: (pull, review) => {
      nextId += 1;
      const created: FakeReview = { id: nextId, user: { login: review.login }, state: review.state, commit_id: review.commitId, submitted_at: tick() };
      reviews.set(pull, [...(reviews.get(pull) ?? []), created]);
      return created;
    },
    reviews: (pull) => [...(reviews.get(pull) ?? [])],
    issues: () => [...issues],
    addIssue: newIssue,
    tick,
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
