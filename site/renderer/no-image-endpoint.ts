/**
 * Astro's image endpoint, which it adds to every server build: the site has no images and never
 * renders this address. In place of Astro's own, which made Rollup compile Astro's image
 * services on every compilation (a 64 kB chunk).
 */
import type { APIRoute } from 'astro';

export const GET: APIRoute = () => new Response(null, { status: 404 });
