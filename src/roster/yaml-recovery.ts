/**
 * Where the YAML library recovered from syntax errors, which parts of the
 * roster they broke: checks inside those parts would only echo the error,
 * checks of the rest stay meaningful (docs/roster.md: every problem at once).
 */
import { isMap, isSeq } from "yaml";
import type { Document, Node as YamlNode } from "yaml";
import { blameOffset } from "./refused-yaml.js";

/**
 * The part of the document each syntax error broke, as [from, to) offsets:
 * the top-level entry, or the item of a top-level list or map, it falls in (up
 * to the next sibling; an error after an item's own text, at a line that
 * should have started the next one, breaks both). Checks of the rest of the
 * document stay meaningful.
 */
export function brokenSpans(document: Document.Parsed, source: string): [number, number][] {
  const root = document.contents;
  if (!isMap(root)) return document.errors.map(() => [0, Number.POSITIVE_INFINITY]);
  const entries = siblingSpans(root.items.map(pairExtent));
  if (entries[0]) entries[0].from = 0; // an error above the first key belongs to it
  const spanAt = (offset: number): [number, number] => {
    const index = entries.findIndex(({ from, to }) => offset >= from && offset < to);
    if (index < 0) return [0, Number.POSITIVE_INFINITY];
    const entry = entries[index]!;
    const value = root.items[index]!.value;
    if ((value as { flow?: boolean } | null)?.flow) return [entry.from, entry.to]; // [ … ] and { … } break as a whole
    const items = isSeq(value)
      ? siblingSpans(
          value.items.map((item) => nodeExtent(item as YamlNode | null)),
          entry.to,
        )
      : isMap(value)
        ? siblingSpans(value.items.map(pairExtent), entry.to)
        : [];
    const at = items.findIndex(({ from, to }) => offset >= from && offset < to);
    if (at < 0) return [entry.from, entry.to];
    const item = items[at]!;
    return [item.from, offset >= item.end ? (items[at + 1]?.to ?? item.to) : item.to];
  };
  // From the mistake (an opening bracket or quote) to where the parser noticed it.
  return document.errors.map((error) => {
    const [blameFrom, blameTo] = spanAt(blameOffset(error, source));
    const [noticedFrom, noticedTo] = spanAt(error.pos[0]);
    return [Math.min(blameFrom, noticedFrom), Math.max(blameTo, noticedTo)];
  });
}

interface Extent {
  from: number;
  /** End of the node's own text. */
  end: number;
}

function nodeExtent(node: YamlNode | null | undefined): Extent | undefined {
  const range = node?.range;
  return range ? { from: range[0], end: range[2] } : undefined;
}

function pairExtent(pair: { key: unknown; value: unknown }): Extent | undefined {
  const key = nodeExtent(pair.key as YamlNode | null);
  if (!key) return undefined;
  return { from: key.from, end: nodeExtent(pair.value as YamlNode | null)?.end ?? key.end };
}

/** Each extent up to the start of the next one; the last runs to `end`. Missing ones are skipped. */
function siblingSpans(
  extents: readonly (Extent | undefined)[],
  end = Number.POSITIVE_INFINITY,
): { from: number; end: number; to: number }[] {
  const known = extents.filter((extent): extent is Extent => extent !== undefined);
  return known.map((extent, index) => ({ ...extent, to: known[index + 1]?.from ?? end }));
}
