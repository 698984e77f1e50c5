// Next.js configuration for the HUD. The wire API does not go through Next: lib/server.ts
// answers /1/ and /3/ itself and hands everything else to Next's request handler.
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // better-sqlite3 is a native addon: it must be required at run time, never bundled.
  serverExternalPackages: ['better-sqlite3'],
  // `npm test` type-checks the whole repository (tests included) with tsc; the build does not
  // repeat it, so a test file being edited never stops `npm start`.
  typescript: { ignoreBuildErrors: true },
};

module.exports = nextConfig;
