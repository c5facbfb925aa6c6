import { createRouter, createWebHashHistory, type RouteRecordRaw, type Router } from 'vue-router';

// Hash history: the same URLs work under app:// in Electron and under `serve`, reload included.
export const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/fleet' },
  { path: '/fleet', name: 'fleet', component: () => import('./views/FleetView.vue'), meta: { title: 'Fleet', showsFleet: true } },
  // No route name: App.vue lists named routes in the sidebar, and a node page is reached from the fleet.
  { path: '/nodes/:id', component: () => import('./views/NodeView.vue'), props: true, meta: { title: 'Node', showsFleet: true } },
  { path: '/apps', name: 'apps', component: () => import('./views/AppsView.vue'), meta: { title: 'Apps' } },
  { path: '/rewards', name: 'rewards', component: () => import('./views/RewardsView.vue'), meta: { title: 'Rewards' } },
  { path: '/costs', name: 'costs', component: () => import('./views/CostsView.vue'), meta: { title: 'Costs' } },
  { path: '/collateral', name: 'collateral', component: () => import('./views/CollateralView.vue'), meta: { title: 'Collateral' } },
  { path: '/activity', name: 'activity', component: () => import('./views/ActivityView.vue'), meta: { title: 'Activity' } },
  { path: '/alerts', name: 'alerts', component: () => import('./views/AlertsView.vue'), meta: { title: 'Alerts' } },
  { path: '/migration', name: 'migration', component: () => import('./views/MigrationView.vue'), meta: { title: 'Migration' } },
  { path: '/planner', name: 'planner', component: () => import('./views/PlannerView.vue'), meta: { title: 'Planner' } },
  { path: '/settings', name: 'settings', component: () => import('./views/SettingsView.vue'), meta: { title: 'Settings' } },
];

/** Whether the page at `path` (after a redirect such as `/` → `/fleet`) reads the fleet's rows as it opens. */
export function showsFleet(router: Router, path: string): boolean {
  const first = router.resolve(path).matched[0];
  const target = typeof first?.redirect === 'string' ? router.resolve(first.redirect).matched[0] : first;
  return target?.meta.showsFleet === true;
}

export function createAppRouter() {
  return createRouter({ history: createWebHashHistory(), routes });
}
