/** The two ways a list is paged on the wire. */

/** One page of a merchant list (`?page=&pageSize=`). */
export interface Page<T> {
  readonly items: T[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

/**
 * One slice of a list forwarded to a shard (`?limit=&offset=`): the platform API passes the
 * shard's answer on as it is, so orders and the delivery log share this shape.
 */
export interface OffsetPage<T> {
  readonly items: readonly T[];
  /** Items matching the filter, across all slices. */
  readonly total: number;
}
