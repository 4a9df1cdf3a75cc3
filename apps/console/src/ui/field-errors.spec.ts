import { ApiError } from '../api/api-client';
import { describeError, fieldErrorsOf, messagesFor, unplacedErrors } from './field-errors';

describe("placing the API's field details on a form", () => {
  const errors = fieldErrorsOf([
    { field: 'title', message: 'must not be empty' },
    { field: 'price.amount', message: 'must be 0 or more' },
    { field: 'variants.1.sku', message: 'repeats variants.0' },
    { field: 'variants.10.sku', message: 'is taken' },
    { field: 'attributes.colour', message: 'is not a known field' },
    { field: '(body)', message: 'give at least one field to change' },
  ]);

  it('gives a field its own messages and those of its parts, never a sibling with a longer index', () => {
    expect(messagesFor(errors, 'title')).toEqual(['must not be empty']);
    expect(messagesFor(errors, 'price')).toEqual(['must be 0 or more']);
    expect(messagesFor(errors, 'variants.1.sku')).toEqual(['repeats variants.0']);
    expect(messagesFor(errors, 'variants.1')).toEqual(['repeats variants.0']);
    expect(messagesFor(errors, 'description')).toEqual([]);
  });

  it('lists what no field on the form shows, so no message is lost', () => {
    expect(unplacedErrors(errors, ['title', 'price', 'variants'])).toEqual(['attributes.colour: is not a known field', 'give at least one field to change']);
  });

  it("words failures: the API's message, or a network problem", () => {
    expect(describeError(new ApiError(409, 'the slug is taken', []))).toBe('the slug is taken');
    expect(describeError(new TypeError('Failed to fetch'))).toMatch(/could not be reached/);
    expect(describeError(new Error('The store is suspended.'))).toBe('The store is suspended.');
  });
});
