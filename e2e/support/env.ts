// The e2e server's fixed settings, shared by playwright.config.ts (which starts the server) and
// the specs. The data directory is made once by the first process that loads this file and passed
// to Playwright's workers through the environment, so every process agrees on it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const E2E_PORT = Number(process.env.FERRO_E2E_PORT || 18500);
export const BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
export const ADMIN_EMAIL = 'admin@example.test';
export const ADMIN_PASSWORD = 'correct horse battery staple';
/** The first project, created at first start and granted to the admin. */
export const PROJECT_ID = '5f1e2d3c4b5a69788796a5b4';
export const TOKEN = 'ferro-e2e-token-0123456789';
/** Where the setup project saves the signed-in admin's cookies. */
export const ADMIN_STATE = path.join(__dirname, '..', '.auth', 'admin.json');

process.env.FERRO_E2E_DATA_DIR ||= mkdtempSync(path.join(tmpdir(), 'ferro-e2e-'));
export const DATA_DIR = process.env.FERRO_E2E_DATA_DIR;
