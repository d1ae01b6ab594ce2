import type { WithRequestId } from './transport.js';

export interface PageData<T> {
  items: T[];
  total: number;
  hasMore: boolean;
  requestId: string | undefined;
}

/** Fetches the page that starts at `offset`. */
export type PageFetcher<T> = (offset: number) => Promise<PageData<T>>;

/**
 * One page of an offset-paginated list. Iterating it with `for await` yields every item of every
 * page after it too, fetching each next page only when the previous one is used up.
 */
export class Page<T> implements AsyncIterable<T> {
  /** Items of this page only. */
  readonly data: T[];
  /** Items matching the filters across all pages. */
  readonly total: number;
  readonly hasMore: boolean;
  readonly offset: number;
  readonly requestId: string | undefined;
  readonly #fetchPage: PageFetcher<T>;

  constructor(fetchPage: PageFetcher<T>, offset: number, page: PageData<T>) {
    this.#fetchPage = fetchPage;
    this.offset = offset;
    this.data = page.items;
    this.total = page.total;
    this.hasMore = page.hasMore;
    this.requestId = page.requestId;
  }

  hasNextPage(): boolean {
    // An empty page that claims more would loop forever; stop there.
    return this.hasMore && this.data.length > 0;
  }

  async getNextPage(): Promise<Page<T>> {
    if (!this.hasNextPage()) throw new RangeError('No next page: check hasNextPage() first');
    const offset = this.offset + this.data.length;
    return new Page(this.#fetchPage, offset, await this.#fetchPage(offset));
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    let page: Page<T> = this;
    for (;;) {
      yield* page.data;
      if (!page.hasNextPage()) return;
      page = await page.getNextPage();
    }
  }
}

/**
 * What `list` returns: `await` it for the first page, or `for await` over it for every item.
 * Nothing is requested until one of the two happens.
 */
export class PagePromise<T> implements PromiseLike<Page<T>>, AsyncIterable<T> {
  readonly #fetchPage: PageFetcher<T>;
  readonly #firstOffset: number;
  #first: Promise<Page<T>> | undefined;

  constructor(fetchPage: PageFetcher<T>, firstOffset = 0) {
    this.#fetchPage = fetchPage;
    this.#firstOffset = firstOffset;
  }

  #firstPage(): Promise<Page<T>> {
    this.#first ??= this.#fetchPage(this.#firstOffset).then(
      (page) => new Page(this.#fetchPage, this.#firstOffset, page),
    );
    return this.#first;
  }

  // biome-ignore lint/suspicious/noThenProperty: awaiting a list call is meant to yield its first page.
  then<R1 = Page<T>, R2 = never>(
    onFulfilled?: ((page: Page<T>) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#firstPage().then(onFulfilled, onRejected);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    yield* await this.#firstPage();
  }
}

/** Adapts a `{<key>: T[], total, has_more}` body to `PageData`. */
export function pageData<T, K extends string>(
  body: WithRequestId<{ total: number; has_more: boolean } & Record<K, T[]>>,
  key: K,
): PageData<T> {
  return { items: body[key], total: body.total, hasMore: body.has_more, requestId: body.requestId };
}
