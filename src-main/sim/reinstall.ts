import type { SimNode } from './sim-node';

/**
 * The "after install" transition: at `reinstall.atBlock` the node becomes a fresh ArcaneOS install
 * reusing its collateral, with a new IP, and sends its start (STARTED). The chain then confirms it a
 * few blocks later like any started node. Applied once; the knob is cleared afterwards.
 */
export function applyReinstall(node: SimNode, height: number): boolean {
  const plan = node.state.reinstall;
  if (!plan || height < plan.atBlock) return false;
  const s = node.state;
  s.isArcaneOS = true;
  s.benchmarks = { ...s.benchmarks, systemsecure: true };
  s.fluxInfo = { ...s.fluxInfo, osPrettyName: 'ArcaneOS (Ubuntu 24.04.2 LTS)', arcaneVersion: '1.8.0', arcaneHumanVersion: 'livid manatee' };
  s.services = { fluxd: 'active', fluxbenchd: 'active', fluxos: 'active', 'flux-watchdog': 'active', docker: 'active', mongod: 'active' };
  s.sshShell = 'restricted';
  s.confirming = true;
  s.fluxnodeStatus = { ...s.fluxnodeStatus, status: 'STARTED', ip: plan.ip, added_height: height, confirmed_height: 0, last_confirmed_height: 0 };
  delete s.reinstall;
  return true;
}
