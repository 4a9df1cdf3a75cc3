import { Body, Controller, HttpCode, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import { HttpErrorWithDetails } from '@storefront/service-runtime';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SlugTakenError } from '@storefront/tenancy';
import { StoreLaunchError } from './kubernetes-store-provisioning';
import { signupSchema, type SignupInput } from './signup.schema';
import { EmailTakenError, SignupService, type SignupResult } from './signup.service';

@ApiTags('accounts')
@Controller('api/v1/signup')
export class SignupController {
  constructor(private readonly signups: SignupService) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @ApiResponse({ status: HttpStatus.CREATED, description: 'the store is live (status active)' })
  @ApiResponse({ status: HttpStatus.ACCEPTED, description: 'Kubernetes: the store is being set up (status provisioning); GET /api/v1/store shows when it is active' })
  async signup(
    @Body({ schema: signupSchema }) input: SignupInput,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SignupResult> {
    try {
      const result = await this.signups.signup(input, { id: request.id, address: request.ip });
      if (result.status === 'provisioning') void reply.status(HttpStatus.ACCEPTED);
      return result;
    } catch (error) {
      if (error instanceof SlugTakenError) {
        throw new HttpErrorWithDetails(HttpStatus.CONFLICT, error.message, [{ field: 'slug', message: 'is taken' }]);
      }
      if (error instanceof EmailTakenError) {
        throw new HttpErrorWithDetails(HttpStatus.CONFLICT, error.message, [{ field: 'email', message: 'is taken' }]);
      }
      if (error instanceof StoreLaunchError) {
        void reply.header('retry-after', '60');
        throw new HttpErrorWithDetails(HttpStatus.SERVICE_UNAVAILABLE, error.message, []);
      }
      throw error;
    }
  }
}
