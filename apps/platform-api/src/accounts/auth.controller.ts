import { Body, Controller, HttpCode, HttpStatus, Post, Req, UnauthorizedException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AccountTokenVersions } from '../auth/account-token-versions';
import { verifiedClaims } from '../auth/bearer-token';
import { AccessTokens } from './access-tokens';
import { InvalidCredentialsError, LoginService } from './login.service';
import { PasswordChangeService } from './password-change.service';

const loginSchema = z.strictObject({
  email: z.string().min(1, 'is required').max(254),
  password: z.string().min(1, 'is required').max(200),
});
const passwordChangeSchema = z.strictObject({
  currentPassword: z.string().min(1, 'is required').max(200),
  newPassword: z.string().min(10, 'must be at least 10 characters').max(200, 'must be at most 200 characters'),
});

@ApiTags('accounts')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly logins: LoginService,
    private readonly passwords: PasswordChangeService,
    private readonly tokens: AccessTokens,
    private readonly versions: AccountTokenVersions,
  ) {}

  @Post('login')
  @HttpCode(HttpStatus.OK)
  async login(@Body({ schema: loginSchema }) input: z.infer<typeof loginSchema>, @Req() request: FastifyRequest): Promise<{ accessToken: string }> {
    return credentialsChecked(() => this.logins.login(input, request.ip));
  }

  /**
   * For merchants and platform admins alike (the first admin's password comes from the
   * environment). Every token issued before stops working; the answer carries a fresh one.
   */
  @Post('password')
  @HttpCode(HttpStatus.OK)
  async changePassword(
    @Body({ schema: passwordChangeSchema }) input: z.infer<typeof passwordChangeSchema>,
    @Req() request: FastifyRequest,
  ): Promise<{ accessToken: string }> {
    const claims = await verifiedClaims(request, this.tokens, this.versions);
    return credentialsChecked(() => this.passwords.change(claims, input, request.ip));
  }
}

async function credentialsChecked<T>(action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof InvalidCredentialsError) throw new UnauthorizedException(error.message);
    throw error;
  }
}
