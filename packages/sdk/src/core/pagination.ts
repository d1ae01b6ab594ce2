import type { WithRequestId } from './transport.js';

export interface PageData<T, B extends object = object> {
  items: T[];
  total: number;
  hasMore: boolean;
  requestId: string | undefined;
  /** The response body, whose fields stay readable on the page under the API's names. */
  body?: B | undefined;
}

/** Fetches the page that starts at `offset`. */
export type PageFetcher<T, B extends object = object> = (offset: number) => Promise<PageData<T, B>>;

/**
 * What every `list` resolves to: a `Page` that also carries the response's own fields (`jobs`,
 * `datasets`, `artifacts`, `models`, OpenAI-style `data`, `gguf_paths`…) as the API sent them.
 */
export type PageOf<T, B extends object = object> = Page<T, B> & Readonly<Omit<B, keyof Page<T, B>>>;

/**
 * One page of a list: `items`, `total`, `hasMore`. Iterating it with `for await` yields every item
 * of every page after it too, fetching each next page only when the previous one is used up. The
 * same type for every list (jobs, fine-tuning jobs, datasets, models, base models, artifacts); an
 * unpaginated list is one page with `hasMore: false`.
 */
export class Page<T, B extends object = object> implements AsyncIterable<T> {
  /** Items of this page only. */
  readonly items: T[];
  /** Items matching the filters across all pages. */
  readonly total: number;
  readonly hasMore: boolean;
  /** The offset this page starts at. */
  readonly offset: number;
  readonly requestId: string | undefined;
  readonly #fetchPage: PageFetcher<T, B>;

  constructor(fetchPage: PageFetcher<T, B>, offset: number, page: PageData<T, B>) {
    this.#fetchPage = fetchPage;
    this.offset = offset;
    this.items = page.items;
    this.total = page.total;
    this.hasMore = page.hasMore;
    this.requestId = page.requestId;
    // The body's own fields, except those the page defines itself (`total`, or `data`: the same items).
    for (const [key, value] of Object.entries(page.body ?? {})) {
      if (!(key in this)) Object.defineProperty(this, key, { value, enumerable: true });
    }
  }

  /**
   * The same array as `items`.
   * @deprecated Read `items`, the name every list of the three SDKs uses.
   */
  get data(): T[] {
    return this.items;
  }

  hasNextPage(): boolean {
    // An empty page that claims more would loop forever; stop there.
    return this.hasMore && this.items.length > 0;
  }

  async getNextPage(): Promise<PageOf<T, B>> {
    if (!this.hasNextPage()) throw new RangeError('No next page: check hasNextPage() first');
    const offset = this.offset + this.items.length;
    return new Page(this.#fetchPage, offset, await this.#fetchPage(offset)) as PageOf<T, B>;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    let page: Page<T, B> = this;
    for (;;) {
      yield* page.items;
      if (!page.hasNextPage()) return;
      page = await page.getNextPage();
    }
  }
}

/**
 * What `list` returns: `await` it for the first page, or `for await` over it for every item.
 * Nothing is requested until one of the two happens.
 */
export class PagePromise<T, B extends object = object>
  implements PromiseLike<PageOf<T, B>>, AsyncIterable<T>
{
  readonly #fetchPage: PageFetcher<T, B>;
  readonly #firstOffset: number;
  #first: Promise<PageOf<T, B>> | undefined;

  constructor(fetchPage: PageFetcher<T, B>, firstOffset = 0) {
    this.#fetchPage = fetchPage;
    this.#firstOffset = firstOffset;
  }

  #firstPage(): Promise<PageOf<T, B>> {
    this.#first ??= this.#fetchPage(this.#firstOffset).then(
      (page) => new Page(this.#fetchPage, this.#firstOffset, page) as PageOf<T, B>,
    );
    return this.#first;
  }

  // biome-ignore lint/suspicious/noThenProperty: awaiting a list call is meant to yield its first page.
  then<R1 = PageOf<T, B>, R2 = never>(
    onFulfilled?: ((page: PageOf<T, B>) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#firstPage().then(onFulfilled, onRejected);
  }

  catch<R = never>(onRejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<PageOf<T, B> | R> {
    return this.#firstPage().catch(onRejected);
  }

  finally(onFinally?: (() => void) | null): Promise<PageOf<T, B>> {
    return this.#firstPage().finally(onFinally);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    yield* await this.#firstPage();
  }
}

/** Adapts a paginated `{<key>: T[], total, has_more}` body to `PageData`. */
export function pageData<
  T,
  K extends string,
  B extends { total: number; has_more: boolean } & Record<K, T[]>,
>(body: WithRequestId<B>, key: K): PageData<T, B> {
  return { items: body[key], total: body.total, hasMore: body.has_more, requestId: body.requestId, body };
}

/** Adapts an unpaginated body whose `key` holds the whole list to one `PageData` with `hasMore: false`. */
export function singlePageData<T, B extends object>(
  body: WithRequestId<B>,
  items: T[] | undefined,
): PageData<T, B> {
  const all = items ?? [];
  return { items: all, total: all.length, hasMore: false, requestId: body.requestId, body };
}
