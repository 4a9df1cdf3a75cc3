import { z } from 'zod';

/**
 * `?limit=&offset=` of a list forwarded to a shard. Checked here, with field errors in the API's
 * words, so a bad page is a 400 from the platform API rather than whatever the shard says.
 */
export const pagingQuery = {
  limit: z.coerce.number().int('must be a whole number').min(1).max(200).optional(),
  offset: z.coerce.number().int('must be a whole number').min(0).optional(),
};
