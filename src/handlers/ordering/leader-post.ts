// A leader's post about products ("草莓到了，要的+1") sets what "+1" means in that group (for a while: see follow.ts).
import type { Handler } from '../../core/types.js';
import { setRecentPost } from '../../community/groups.js';

export const leaderPostHandler: Handler = {
  name: 'leader-post',
  match: (ctx, app) => ctx.group !== null && ctx.community !== null && (ctx.role === 'leader' || ctx.role === 'admin')
    && app.catalogs.get(ctx.community.id).mentions(ctx.text).length > 0,
  handle(ctx, app) {
    const named = app.catalogs.get(ctx.community!.id).mentions(ctx.text);
    app.directory.updateGroup(setRecentPost(app.store, ctx.group!.id, named, app.now()));
  },
};
