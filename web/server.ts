// The local web console (issue 15): fastify on 127.0.0.1, opened only through a one-time link from /后台.
// Pages are rendered on the server (the figures are plain text a browser test can read); ECharts in the page draws
// the trends from the same JSON the page was built from.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { App } from '../src/core/types.js';
import { mayView, redeemLoginLink, sessionScope, SESSION_TTL_MS, type ConsoleScope } from '../src/console/links.js';
import { communityView, visibleCommunities } from '../src/console/view.js';
import { communityPage, errorPage, indexPage } from './pages.js';

const COOKIE = 'lintuan_console';
const ECHARTS_JS = createRequire(import.meta.url).resolve('echarts/dist/echarts.min.js');

export interface ConsoleServer { url: string; close(): Promise<void> }

function cookieValue(req: FastifyRequest, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

const html = (reply: FastifyReply, status: number, body: string) => reply.code(status).type('text/html; charset=utf-8').send(body);

export function buildConsole(app: App): FastifyInstance {
  const server = Fastify({ logger: false });
  const scopeOf = (req: FastifyRequest): ConsoleScope | null => sessionScope(app.store, cookieValue(req, COOKIE), app.now());

  server.get('/login', async (req, reply) => {
    const token = (req.query as { token?: string }).token ?? '';
    const r = redeemLoginLink(app.store, token, app.now());
    if (!r.ok) {
      const why = { unknown: '这个登录链接无效', used: '这个登录链接已经用过了（每个链接只能打开一次）', expired: '这个登录链接已过期' }[r.reason];
      return html(reply, 403, errorPage(`${why}。请在微信里给机器人发送 /后台 获取新链接。`));
    }
    reply.header('set-cookie', `${COOKIE}=${r.sessionToken}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${SESSION_TTL_MS / 1000}`);
    return reply.redirect(r.scope.all ? '/' : `/c/${r.scope.communityId}`);
  });

  server.get('/', async (req, reply) => {
    const scope = scopeOf(req);
    if (!scope) return html(reply, 401, errorPage('请先登录：在微信里给机器人发送 /后台，打开私聊收到的链接。'));
    if (!scope.all) return reply.redirect(`/c/${scope.communityId}`);
    return html(reply, 200, indexPage(visibleCommunities(app.store)));
  });

  const viewFor = (req: FastifyRequest, reply: FastifyReply) => {
    const scope = scopeOf(req);
    if (!scope) { html(reply, 401, errorPage('请先登录：在微信里给机器人发送 /后台，打开私聊收到的链接。')); return null; }
    const id = Number((req.params as { id: string }).id);
    if (!Number.isInteger(id) || !mayView(scope, id)) { html(reply, 403, errorPage('你没有查看这个小区的权限。')); return null; }
    const q = req.query as { from?: string; to?: string };
    const view = communityView(app.store, id, app.now(), { from: q.from, to: q.to });
    if (!view.ok) { html(reply, view.status, errorPage(view.error)); return null; }
    return view.view;
  };

  server.get('/c/:id', async (req, reply) => {
    const view = viewFor(req, reply);
    if (view) html(reply, 200, communityPage(view));
  });
  server.get('/api/c/:id', async (req, reply) => {
    const view = viewFor(req, reply);
    if (view) reply.send(view);
  });
  server.get('/assets/echarts.min.js', async (_req, reply) => reply.type('application/javascript').send(fs.createReadStream(ECHARTS_JS)));
  return server;
}

/** Listens on 127.0.0.1; a busy port leaves the bot running without a console (logged). */
export async function startConsole(app: App, port: number): Promise<ConsoleServer | null> {
  const server = buildConsole(app);
  try {
    await server.listen({ host: '127.0.0.1', port });
  } catch (err) {
    app.log.info({ err, port }, 'web console not started');
    await server.close();
    return null;
  }
  const addr = server.server.address();
  const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : port}`;
  app.console.url = url;
  return {
    url,
    close: async () => { app.console.url = null; await server.close(); },
  };
}
