export * from './entities';
export * from './shopping-errors';
export * from './customer.service';
export * from './cart-view';
export * from './cart.service';
export * from './password-resets';
export * from './abandoned-carts-retention';
export * from './address-book';
