import { Body, Controller, HttpCode, HttpStatus, Post, Req, UnauthorizedException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { InvalidCredentialsError, LoginService } from './login.service';

const loginSchema = z.strictObject({
  email: z.string().min(1, 'is required').max(254),
  password: z.string().min(1, 'is required').max(200),
});

@ApiTags('accounts')
@Controller('api/v1/auth')
export class AuthController {
  constructor(private readonly logins: LoginService) {}

  @Post('login')
  @HttpCode(HttpStatus.OK)
  async login(
    @Body({ schema: loginSchema }) input: z.infer<typeof loginSchema>,
    @Req() request: FastifyRequest,
  ): Promise<{ accessToken: string }> {
    try {
      return await this.logins.login(input, request.ip);
    } catch (error) {
      if (error instanceof InvalidCredentialsError) throw new UnauthorizedException(error.message);
      throw error;
    }
  }
}
