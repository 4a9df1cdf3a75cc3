import { HttpException, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { InvalidServiceTokenError, type ServiceTokens } from '@storefront/tenancy';
import type { FastifyRequest } from 'fastify';

export const ADMIN_TOKENS = Symbol('ADMIN_TOKENS');

export interface AdminRequest extends FastifyRequest {
  adminActor: string;
}

/** Cross-tenant routes take only an admin service token (signed by the platform API for a platform admin). */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  constructor(@Inject(ADMIN_TOKENS) private readonly tokens: ServiceTokens) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AdminRequest>();
    const header = request.headers.authorization;
    const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7) : undefined;
    if (!token) throw new HttpException('an admin service token is required', 401);
    try {
      request.adminActor = (await this.tokens.verifyAdmin('notifications', token)).actor;
    } catch (error) {
      if (error instanceof InvalidServiceTokenError) throw new HttpException(error.message, 401);
      throw error;
    }
    return true;
  }
}
