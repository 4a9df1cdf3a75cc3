import { Body, Controller, Delete, Get, HttpCode, HttpStatus, NotFoundException, Param, Post, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HttpErrorWithDetails } from '@storefront/service-runtime';
import { z } from 'zod';
import { CurrentMerchant } from '../auth/principal.decorators';
import { MerchantGuard } from '../auth/merchant.guard';
import type { MerchantPrincipal } from '../auth/principals';
import type { DomainView } from './custom-domain';
import { CustomDomainService, DomainNotFoundError, DomainTakenError, PlatformDomainError, ReservedHostError } from './custom-domain.service';

const HOST = /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const HOST_AS_SENT = String.raw`^\s*([a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,63}\.?\s*$`;
const addDomainSchema = z.strictObject({
  host: z
    .string()
    .transform((host) => host.trim().toLowerCase().replace(/\.$/, ''))
    .refine((host) => HOST.test(host), 'must be a host name such as shop.example.com')
    // As sent, before the trim, lowercasing and trailing dot above (the 253-character cap stays prose).
    .meta({ pattern: HOST_AS_SENT, description: 'a host name such as shop.example.com, at most 253 characters' }),
});

/** Custom domains of the merchant's store: pending until a DNS TXT record proves control. */
@ApiTags('store')
@Controller('api/v1/store/domains')
@UseGuards(MerchantGuard)
export class DomainsController {
  constructor(private readonly domains: CustomDomainService) {}

  @Get()
  async list(@CurrentMerchant() merchant: MerchantPrincipal): Promise<{ items: DomainView[] }> {
    return { items: await this.domains.list(merchant.ctx) };
  }

  @Post()
  @HttpCode(HttpStatus.CREATED)
  add(@CurrentMerchant() merchant: MerchantPrincipal, @Body({ schema: addDomainSchema }) input: z.infer<typeof addDomainSchema>): Promise<DomainView> {
    return mapped(() => this.domains.add(merchant.ctx, input.host, merchant.email));
  }

  @Post(':host/verify')
  @HttpCode(HttpStatus.ACCEPTED)
  verify(@CurrentMerchant() merchant: MerchantPrincipal, @Param('host') host: string): Promise<DomainView> {
    return mapped(() => this.domains.requestVerification(merchant.ctx, host.toLowerCase()));
  }

  @Delete(':host')
  @HttpCode(HttpStatus.NO_CONTENT)
  async remove(@CurrentMerchant() merchant: MerchantPrincipal, @Param('host') host: string): Promise<void> {
    await mapped(() => this.domains.remove(merchant.ctx, host.toLowerCase(), merchant.email));
  }
}

async function mapped<T>(action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof DomainNotFoundError) throw new NotFoundException(error.message);
    if (error instanceof DomainTakenError) throw new HttpErrorWithDetails(HttpStatus.CONFLICT, error.message, [{ field: 'host', message: 'is in use' }]);
    if (error instanceof ReservedHostError) throw new HttpErrorWithDetails(HttpStatus.BAD_REQUEST, error.message, [{ field: 'host', message: 'is reserved' }]);
    if (error instanceof PlatformDomainError) throw new HttpErrorWithDetails(HttpStatus.CONFLICT, error.message, [{ field: 'host', message: 'is the platform address' }]);
    throw error;
  }
}
