import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { NODE_HTTP_EDITS, withLazyNodeHttp } from "./lazy-node-http.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const FILES = Object.keys(NODE_HTTP_EDITS);

describe("lazy-node-http: undici reads node:http only when it uses it", () => {
  it.each(FILES)("%s no longer requires node:http when it loads", (path) => {
    const source = readFileSync(join(ROOT, path), "utf8");
    expect(source).toMatch(/^const .*require\('node:http'\)$/m);
    const edited = withLazyNodeHttp(path, source);
    // Every require of node:http left is inside a function, indented.
    expect(edited).not.toMatch(/^\S.*require\('node:http'\)/m);
    expect(edited).toMatch(/^\s+.*require\('node:http'\)/m);
  });

  it("keeps client.js's own error for a header limit node:http does not give", () => {
    const path = FILES.find((file) => file.endsWith("client.js"))!;
    const edited = withLazyNodeHttp(path, readFileSync(join(ROOT, path), "utf8"));
    expect(edited).toContain("throw new InvalidArgumentError('http module not available or http.maxHeaderSize invalid')");
  });

  it.each(FILES)("fails the build, naming this script, when undici's %s reads otherwise", (path) => {
    const source = readFileSync(join(ROOT, path), "utf8").replace("require('node:http')", "require('http')");
    expect(() => withLazyNodeHttp(path, source)).toThrow(/no longer reads node:http as expected: review scripts\/lazy-node-http\.mjs/);
  });

  it("fails when a text it edits is found twice", () => {
    const [path] = FILES;
    const [[found]] = NODE_HTTP_EDITS[path!] as [[string, string]];
    expect(() => withLazyNodeHttp(path!, found + found)).toThrow(/lazy-node-http/);
  });

  it("leaves other files alone", () => {
    expect(withLazyNodeHttp("node_modules/undici/lib/core/request.js", "const http = require('node:http')\n")).toBe(
      "const http = require('node:http')\n",
    );
  });
});
