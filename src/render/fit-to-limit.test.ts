import { describe, expect, it } from "vitest";
import { type CommentParts, FIT_STAGE, fitToLimit } from "./fit-to-limit.js";
import { maskEmailsInMarkdown, maskedLengthBound } from "./vocabulary.js";

function parts(blocks: number, markerIds = 10): CommentParts {
  return {
    marker: { withIds: `<!-- m ${"i".repeat(markerIds)} -->`, digestOnly: "<!-- m -->" },
    head: "### Head\n\n**N changes**",
    sections: [
      {
        title: "Changes",
        blocks: Array.from({ length: blocks }, (_, index) => `- <code>member${index}@example.com</code>: add to team`),
        itemsPerBlock: Array.from({ length: blocks }, () => 1),
        unit: "change",
      },
    ],
    footer: "<sub>footer</sub>",
    fullTextAt: "the job summary",
  };
}

describe("fitToLimit", () => {
  it("leaves room for email masking at the output boundary: a fitted comment of one-letter addresses still fits once masked", () => {
    const tiny: CommentParts = {
      ...parts(0),
      sections: [
        {
          title: "Changes",
          blocks: Array.from({ length: 2_000 }, (_, index) => `- a@x${index}.io, b@y${index}.io: add to team`),
          itemsPerBlock: Array.from({ length: 2_000 }, () => 1),
          unit: "change",
        },
      ],
    };
    const result = fitToLimit(tiny, 10_000);
    expect(result.stage).toBe(FIT_STAGE.Shortened);
    const masked = maskEmailsInMarkdown(result.text);
    expect(masked.length).toBeGreaterThan(result.text.length);
    expect(masked.length).toBeLessThanOrEqual(10_000);
  });

  it("keeps a short comment whole", () => {
    const result = fitToLimit(parts(3), 1_000);
    expect(result.stage).toBe(FIT_STAGE.Full);
    expect(result.text).toContain("#### Changes");
    expect(result.idsEmbedded).toBe(true);
  });

  it("folds a long section into details when that is enough", () => {
    const full = fitToLimit(parts(20), 100_000).text;
    // The budget holds the folded text even with every email masked (maskedLengthBound), not the full one.
    const result = fitToLimit(parts(20), maskedLengthBound(full) + 100);
    expect(result.stage).toBe(FIT_STAGE.Folded);
    expect(result.text).toContain("<details><summary><b>Changes</b> (20)</summary>\n\n");
  });

  it("drops whole blocks from the end and says how many more are in the job summary", () => {
    const result = fitToLimit(parts(400), 2_000);
    expect(result.stage).toBe(FIT_STAGE.Shortened);
    expect(result.text.length).toBeLessThanOrEqual(2_000);
    const shown = result.text.match(/<code>member\d+@/g)?.length ?? 0;
    expect(result.text).toContain(`…${400 - shown} more changes — see the job summary.`);
    expect(result.text).toMatch(/member0@example\.com<\/code>: add to team\n/);
  });

  it("falls back to counts only, keeping the verdict and the marker", () => {
    const result = fitToLimit({ ...parts(5), sections: parts(5).sections.map((s) => ({ ...s, title: "T".repeat(300) })) }, 320);
    expect(result.stage).toBe(FIT_STAGE.CountsOnly);
    expect(result.text).toContain("**N changes**");
    expect(result.text).toContain("The full plan is in the job summary.");
    expect(result.text.length).toBeLessThanOrEqual(320);
  });

  it("embeds the digest alone when the change ids do not fit", () => {
    const result = fitToLimit(parts(2, 5_000), 1_000);
    expect(result.idsEmbedded).toBe(false);
    expect(result.text.startsWith("<!-- m -->")).toBe(true);
    expect(result.text.length).toBeLessThanOrEqual(1_000);
  });
});
