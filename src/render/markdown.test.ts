import { describe, expect, it } from "vitest";
import { code, details, escape, escapeHtml, fenced, table } from "./markdown.js";

describe("markdown", () => {
  it("escapes HTML, details closers and marker spoofing in user text", () => {
    const text = escapeHtml('</details><!-- sentry-roster:plan {"v":1} --> `x`');
    expect(text).not.toMatch(/[<>`]/);
    expect(text).toContain("&#60;/details&#62;");
  });

  it("wraps @mentions in code so nobody is pinged, but leaves emails inline", () => {
    expect(escape("ask @octocat or bob@example.com")).toBe("ask <code>&#64;octocat</code> or bob&#64;example.com");
  });

  it("renders user values as literal code without Markdown syntax", () => {
    expect(code("a_b*c|d")).toBe("<code>a&#95;b&#42;c&#124;d</code>");
  });

  it("keeps a blank line after </summary> and before </details>", () => {
    expect(details("Title", "- a")).toBe("<details><summary>Title</summary>\n\n- a\n\n</details>");
  });

  it("uses a fence longer than any backtick run inside", () => {
    expect(fenced("a ```` b", "diff")).toBe("`````diff\na ```` b\n`````");
  });

  it("builds a table and keeps pipes inside cells", () => {
    expect(table(["a", "b"], [["1", "x|y"]])).toBe("| a | b |\n| --- | --- |\n| 1 | x&#124;y |");
  });
});
