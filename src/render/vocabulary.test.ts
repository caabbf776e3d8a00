import { describe, expect, it } from "vitest";
import { escape, fenced, MARKDOWN_STYLE } from "./markdown.js";
import { changeLine, changePhrase, maskEmailsInMarkdown, maskEmailsInText, plural, printable, TERMINAL_STYLE } from "./vocabulary.js";

describe("presentation vocabulary", () => {
  it("words a change the same way for the terminal and for Markdown, only the value style differs", () => {
    const change = { action: "set-team-role", email: "bob@example.com", memberId: "4", team: "backend", from: "contributor", to: "admin" } as const;
    expect(changeLine(change, TERMINAL_STYLE)).toBe("bob@example.com: team backend role contributor -> admin");
    expect(changeLine(change, MARKDOWN_STYLE)).toBe("<code>bob&#64;example.com</code>: team <code>backend</code> role contributor → admin");
    expect(changePhrase({ action: "remove-member", email: "x@y.io", memberId: "1" }, MARKDOWN_STYLE)).toBe("**remove from the organization**");
  });

  it("counts with plurals and spells out control, bidi and zero-width characters for the terminal", () => {
    expect([plural(1, "change"), plural(2, "change"), plural(0, "entry", "entries")]).toEqual(["1 change", "2 changes", "0 entries"]);
    expect(printable("a\u202eb\u001b[2Jc\u200bd")).toBe("a\\u202eb\\u001b[2Jc\\u200bd");
  });
});

describe("masking finished text", () => {
  it("masks plain text to the first character and the domain", () => {
    expect(maskEmailsInText("ask alice@example.com, or Bob <bob.smith@acme.io>")).toBe("ask a***@example.com, or Bob <b***@acme.io>");
    expect(maskEmailsInText("no email here @octocat")).toBe("no email here @octocat");
  });

  it("masks emails in escaped Markdown, entity-encoded characters included, without making a mention or emphasis", () => {
    const markdown = `${escape("first_last@example.com and octo.cat@evil.example, hi @octocat")} <code>${escape("x+<y>@acme.io").replace(/<\/?code>/g, "")}</code>`;
    const masked = maskEmailsInMarkdown(markdown);
    expect(masked).not.toMatch(/last|cat@|x\+/);
    expect(masked).toContain("f\\*\\*\\*&#64;example.com");
    expect(masked).not.toMatch(/(?<![A-Za-z0-9_&#;])@/);
  });

  it("masks emails inside a fenced block as plain text, since a fence shows entities literally", () => {
    const masked = maskEmailsInMarkdown(`before carol@example.com\n\n${fenced("+  - email: dave@example.com\n", "diff")}\n`);
    expect(masked).toContain("+  - email: d***@example.com");
    expect(masked).toContain("before c\\*\\*\\*&#64;example.com");
  });
});
