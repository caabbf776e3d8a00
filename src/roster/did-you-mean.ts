/** Edits allowed per this many characters of the typed word: "ownr" → "owner", but not "x" → "admin". */
export const CHARS_PER_ALLOWED_EDIT = 3;

/**
 * The candidate closest to `typed` by edit distance (case-insensitive), when it
 * is close enough to be a plausible typo; undefined otherwise. Ties go to the
 * earlier candidate, so suggestions are stable.
 */
export function closestMatch(typed: string, candidates: Iterable<string>): string | undefined {
  const word = typed.toLowerCase();
  const allowed = Math.max(1, Math.floor(word.length / CHARS_PER_ALLOWED_EDIT));
  let best: string | undefined;
  let bestDistance = allowed + 1;
  for (const candidate of candidates) {
    if (candidate === typed) continue;
    const distance = editDistance(word, candidate.toLowerCase(), bestDistance);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** A hint naming the closest candidate, or undefined. */
export function didYouMean(typed: string, candidates: Iterable<string>): string | undefined {
  const match = closestMatch(typed, candidates);
  return match === undefined ? undefined : `did you mean "${match}"?`;
}

/** Damerau–Levenshtein (adjacent swaps count once); stops early once past `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2]! + 1);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin >= limit) return limit;
    before = previous;
    previous = current;
  }
  return previous[b.length]!;
}
