/** Public addresses of stores, from PLATFORM_STORE_URL_TEMPLATE and PLATFORM_DOMAIN. */
export class StoreUrls {
  constructor(
    private readonly template: string,
    private readonly platformDomain: string,
  ) {}

  platformHost(slug: string): string {
    return `${slug}.${this.platformDomain}`;
  }

  forHost(host: string): string {
    return this.template.replace('{host}', host);
  }

  forSlug(slug: string): string {
    return this.forHost(this.platformHost(slug));
  }
}
