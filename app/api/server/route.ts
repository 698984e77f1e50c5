// The server's own health figures for the HUD's server page (admins only).
import { bffRoute, json } from '@/lib/bff/route';
import { serverStatus } from '@/lib/bff/server-status';
import { getRuntimeOrThrow } from '@/lib/runtime-access';

// GET /api/server — version, uptime, store, disk, event loop, commits, request rate
export const GET = bffRoute(async () => json(await serverStatus(getRuntimeOrThrow())), { isAdminOnly: true });
