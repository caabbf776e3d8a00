/** Sentry's per_page default and maximum (F12). */
export const MAX_PER_PAGE = 100;

/** A page of rows, or the 400 Sentry answers for bad paging parameters. */
export type PageResult<T> =
  { readonly ok: true; readonly rows: T[]; readonly link: string } | { readonly ok: false; readonly detail: string };

/**
 * Offset pagination as Sentry does it (F09–F13): cursor `{n}:{page}:{isPrev}`,
 * a Link header that always carries previous and next, `results` telling
 * whether rows exist there, the URL being the request's minus `cursor` plus `&cursor=…`.
 */
export function paginateRows<T>(rows: readonly T[], query: URLSearchParams, linkBase: string): PageResult<T> {
  const perPageText = query.get("per_page");
  let perPage = MAX_PER_PAGE;
  if (perPageText !== null) {
    if (!/^-?\d+$/.test(perPageText)) return { ok: false, detail: "Invalid per_page parameter." };
    perPage = Number(perPageText);
    if (perPage > MAX_PER_PAGE) return { ok: false, detail: "Invalid per_page value. Cannot exceed 100." };
    if (perPage < 1) return { ok: false, detail: "Invalid per_page parameter." };
  }
  let page = 0;
  let cursorSize = perPage;
  const cursor = query.get("cursor");
  if (cursor !== null) {
    const match = /^(\d+):(-?\d+):([01])$/.exec(cursor);
    if (!match) return { ok: false, detail: "Invalid cursor parameter." };
    cursorSize = Number(match[1]);
    page = Number(match[2]);
    if (page < 0) return { ok: false, detail: "Pagination offset cannot be negative" };
  }
  const offset = page * cursorSize;
  const slice = rows.slice(offset, offset + perPage);
  const hasNext = rows.length > offset + perPage;
  const rest = new URLSearchParams(query);
  rest.delete("cursor");
  const restText = rest.toString();
  const url = (c: string) => `${linkBase}?${restText}&cursor=${c}`;
  const prev = `${perPage}:${page - 1}:1`;
  const next = `${perPage}:${page + 1}:0`;
  const link =
    `<${url(prev)}>; rel="previous"; results="${page > 0}"; cursor="${prev}", ` +
    `<${url(next)}>; rel="next"; results="${hasNext}"; cursor="${next}"`;
  return { ok: true, rows: slice, link };
}
