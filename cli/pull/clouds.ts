/**
 * Where the Defender for Endpoint API and its sign-in live, per cloud, as the vendor documents
 * them ("Microsoft Defender for Endpoint for US Government customers", "Supported Microsoft
 * Defender for Endpoint APIs").
 */

export type CloudName = 'public' | 'gcc' | 'gcc-high' | 'dod';
export type RegionName = 'us' | 'eu' | 'uk' | 'au' | 'swa' | 'ina';

export interface Cloud {
  readonly name: CloudName;
  /** Microsoft Entra ID's sign-in host (the authority is `<host>/<tenant>`). */
  readonly authorityHost: string;
  /** The API's base address (paths are `/api/…`). */
  readonly api: string;
  /** The resource the access token is for; the scope is `<resource>/.default`. */
  readonly resource: string;
}

export const CLOUDS: Readonly<Record<CloudName, Cloud>> = {
  public: {
    name: 'public',
    authorityHost: 'https://login.microsoftonline.com',
    api: 'https://api.security.microsoft.com',
    resource: 'https://api.securitycenter.microsoft.com',
  },
  gcc: {
    name: 'gcc',
    authorityHost: 'https://login.microsoftonline.com',
    api: 'https://api-gcc.securitycenter.microsoft.us',
    resource: 'https://api-gcc.securitycenter.microsoft.us',
  },
  'gcc-high': {
    name: 'gcc-high',
    authorityHost: 'https://login.microsoftonline.us',
    api: 'https://api-gov.securitycenter.microsoft.us',
    resource: 'https://api-gov.securitycenter.microsoft.us',
  },
  dod: {
    name: 'dod',
    authorityHost: 'https://login.microsoftonline.us',
    api: 'https://api-gov.securitycenter.microsoft.us',
    resource: 'https://api-gov.securitycenter.microsoft.us',
  },
};

/** The public cloud's regional API hosts ("use the server closest to your geographic location"). */
export const REGIONS: Readonly<Record<RegionName, string>> = {
  us: 'https://us.api.security.microsoft.com',
  eu: 'https://eu.api.security.microsoft.com',
  uk: 'https://uk.api.security.microsoft.com',
  au: 'https://au.api.security.microsoft.com',
  swa: 'https://swa.api.security.microsoft.com',
  ina: 'https://ina.api.security.microsoft.com',
};

export const isCloudName = (s: string): s is CloudName => Object.hasOwn(CLOUDS, s);
export const isRegionName = (s: string): s is RegionName => Object.hasOwn(REGIONS, s);
