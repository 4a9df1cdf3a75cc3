import { Body, Controller, HttpCode, HttpStatus, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HttpErrorWithDetails } from '@storefront/service-runtime';
import type { FastifyRequest } from 'fastify';
import { SlugTakenError } from '@storefront/tenancy';
import { signupSchema, type SignupInput } from './signup.schema';
import { EmailTakenError, SignupService, type SignupResult } from './signup.service';

@ApiTags('accounts')
@Controller('api/v1/signup')
export class SignupController {
  constructor(private readonly signups: SignupService) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  async signup(@Body({ schema: signupSchema }) input: SignupInput, @Req() request: FastifyRequest): Promise<SignupResult> {
    try {
      return await this.signups.signup(input, { id: request.id, address: request.ip });
    } catch (error) {
      if (error instanceof SlugTakenError) {
        throw new HttpErrorWithDetails(HttpStatus.CONFLICT, error.message, [{ field: 'slug', message: 'is taken' }]);
      }
      if (error instanceof EmailTakenError) {
        throw new HttpErrorWithDetails(HttpStatus.CONFLICT, error.message, [{ field: 'email', message: 'is taken' }]);
      }
      throw error;
    }
  }
}
