// pod-routes: on every cluster host, a route to every other worker's pod CIDR that survives reboots
// (docs/kthw.md#persistent-routes).

import { defineRole, route } from 'orchestrate';
import { buildClusterModel } from '../../kubernetes/cluster/index.ts';
import { POD_ROUTES_NAME, podRoutes } from './routes.ts';

/** Routes are `ip route replace`d now and replayed at boot by the route module's unit. */
export const podRoutesRole = defineRole({
  name: 'pod-routes',
  tags: ['pod-routes', 'network'],
  context: (ctx) => buildClusterModel(ctx.inventory, ctx.stateDir),
  tasks: (ctx, model) => {
    const routes = podRoutes(model, ctx.host.name).map(({ dst, via }) => ({ dst, via }));
    // An empty set still writes the file, so routes of removed workers leave the live table too.
    return [{ name: 'pod CIDR routes', action: route({ name: POD_ROUTES_NAME, routes }) }];
  },
});
