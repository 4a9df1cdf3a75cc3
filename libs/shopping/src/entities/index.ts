export * from './customer.entity';
export * from './cart.entity';
export * from './cart-line.entity';

import { CartLineEntity } from './cart-line.entity';
import { CartEntity } from './cart.entity';
import { CustomerEntity } from './customer.entity';

/** Tenant entities of shopping; pass them to DatabaseClusters as `tenantEntities`. */
export const SHOPPING_ENTITIES = [CustomerEntity, CartEntity, CartLineEntity] as const;
