import { details } from "./markdown.js";
import { maskedLengthBound, plural } from "./vocabulary.js";

// GitHub answers 422 "Body is too long (maximum is 65536 characters)" above
// 65,536; the margin covers the footer and any later edits.
export const MAX_COMMENT_CHARS = 60_000;
/**
 * The most of the budget the marker with change ids may take: 3,000 ids are
 * about 32,000 characters, so a 3,000-change plan keeps its ids and about
 * 27,000 characters of visible plan; a longer list falls back to the digest.
 */
export const MARKER_SHARE = 0.55;
/** Sections with more lines than this are folded into `<details>` once the comment is long. */
export const FOLD_OVER_LINES = 15;
/** A comment longer than this share of the budget is long: its long sections are folded to keep the page readable. */
export const FOLD_ABOVE_SHARE = 0.25;

/** One titled part of a comment, cut only between its blocks. */
export interface CommentSection {
  /** Heading text, already escaped. */
  readonly title: string;
  /** Rendered Markdown blocks (e.g. one member's changes); never split. */
  readonly blocks: readonly string[];
  /** How many items each block holds, to say "N more changes" when blocks are dropped. */
  readonly itemsPerBlock: readonly number[];
  /** Singular noun for the items ("change", "member"); an "s" makes the plural. */
  readonly unit: string;
}

/** A comment in parts, so it can be shrunk in stages. */
export interface CommentParts {
  /** The marker with change ids, and the marker with the digest alone for when ids do not fit. */
  readonly marker: { readonly withIds: string; readonly digestOnly: string };
  /** Verdict and counts: always kept. */
  readonly head: string;
  readonly sections: readonly CommentSection[];
  /** Run link and the like: always kept. */
  readonly footer: string;
  /** Where the full text is, for "see the job summary"; Markdown, already escaped. */
  readonly fullTextAt: string;
}

/** How far the comment had to be shrunk. */
export const FIT_STAGE = { Full: "full", Folded: "folded", Shortened: "shortened", CountsOnly: "counts-only" } as const;
export type FitStage = (typeof FIT_STAGE)[keyof typeof FIT_STAGE];

/** The comment that fits, and what it took. */
export interface FitResult {
  readonly text: string;
  readonly stage: FitStage;
  /** False when the marker carries the digest alone: apply then requires an exact digest match. */
  readonly idsEmbedded: boolean;
}

/**
 * Shrinks a comment until it fits `maxChars` (UTF-16 length, never fewer than
 * GitHub's characters): full → long sections folded (once the comment uses
 * more than FOLD_ABOVE_SHARE of the budget) → whole blocks dropped
 * from the end with "N more … — see the job summary" → counts only. The
 * verdict, counts and marker always stay; when even that does not fit with
 * the change ids, or the ids would take more than MARKER_SHARE of the budget,
 * the marker keeps the digest alone and the stages run again.
 */
export function fitToLimit(parts: CommentParts, maxChars: number = MAX_COMMENT_CHARS): FitResult {
  // The ids never take more than a fixed share, so the visible plan always keeps the rest (docs/action.md#big-plans).
  const idsFit = parts.marker.withIds.length <= maxChars * MARKER_SHARE;
  for (const [marker, idsEmbedded] of [
    ...(idsFit ? [[parts.marker.withIds, true] as const] : []),
    [parts.marker.digestOnly, false] as const,
  ]) {
    const fitted = fitWithMarker(parts, marker, maxChars);
    if (fitted) return { ...fitted, idsEmbedded };
  }
  // Not even the verdict fits: keep the marker and as much of the head as room allows.
  const marker = parts.marker.digestOnly;
  return { text: `${marker}\n${parts.head}`.slice(0, Math.max(marker.length, maxChars)), stage: FIT_STAGE.CountsOnly, idsEmbedded: false };
}

function fitWithMarker(parts: CommentParts, marker: string, maxChars: number): Omit<FitResult, "idsEmbedded"> | undefined {
  // Measured as the text may become after email masking at the output boundary, so a masked comment fits too.
  const fits = (text: string) => maskedLengthBound(text) <= maxChars;
  const full = assemble(marker, parts, parts.sections.map((section) => renderSection(section, section.blocks.length, false, parts.fullTextAt)));
  if (full.length <= maxChars * FOLD_ABOVE_SHARE) return { text: full, stage: FIT_STAGE.Full };

  const folded = (kept: readonly number[]) =>
    assemble(
      marker,
      parts,
      parts.sections.map((section, index) => renderSection(section, kept[index] ?? 0, true, parts.fullTextAt)),
    );
  const all = parts.sections.map((section) => section.blocks.length);
  const foldedText = folded(all);
  if (fits(foldedText)) return { text: foldedText, stage: foldedText === full ? FIT_STAGE.Full : FIT_STAGE.Folded };

  // Keep the longest prefix of blocks (in section order) that fits: binary search on the count.
  const total = all.reduce((sum, count) => sum + count, 0);
  let low = 0;
  let high = total - 1;
  let best: string | undefined;
  while (low <= high) {
    const middle = Math.floor((low + high) / 2);
    const text = folded(distribute(all, middle));
    if (fits(text)) {
      best = text;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  if (best !== undefined) return { text: best, stage: FIT_STAGE.Shortened };

  const countsOnly = assemble(marker, parts, [`The full plan is in ${parts.fullTextAt}.`]);
  return fits(countsOnly) ? { text: countsOnly, stage: FIT_STAGE.CountsOnly } : undefined;
}

/** Splits a prefix of `count` blocks over sections in order. */
function distribute(sizes: readonly number[], count: number): number[] {
  let left = count;
  return sizes.map((size) => {
    const kept = Math.min(size, left);
    left -= kept;
    return kept;
  });
}

function renderSection(section: CommentSection, kept: number, fold: boolean, fullTextAt: string): string {
  const blocks = section.blocks.slice(0, kept);
  const dropped = section.itemsPerBlock.slice(kept).reduce((sum, count) => sum + count, 0);
  const more = dropped > 0 ? `\n\n_…${plural(dropped, `more ${section.unit}`)} — see ${fullTextAt}._` : "";
  const body = `${blocks.join("\n")}${more}`.trim();
  const lines = body.split("\n").length;
  if (fold && lines > FOLD_OVER_LINES) {
    const shown = section.itemsPerBlock.slice(0, kept).reduce((sum, count) => sum + count, 0);
    return details(`<b>${section.title}</b> (${shown + dropped})`, body);
  }
  return `#### ${section.title}\n\n${body}`;
}

function assemble(marker: string, parts: CommentParts, sections: readonly string[]): string {
  return [marker, parts.head.trim(), ...sections, parts.footer.trim()].filter((part) => part !== "").join("\n\n") + "\n";
}
