/** Money on the wire: integer minor units plus an ISO 4217 currency, never a float. */
export interface Money {
  readonly amount: number;
  readonly currency: string;
}
