// The preload entry: exposes the bridge built in preload-bridge.ts, and nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './preload-bridge';

declare const __FLUXDECK_CHANNELS__: readonly string[];
declare const __FLUXDECK_EVENTS__: readonly string[];

contextBridge.exposeInMainWorld('fluxdeck', createBridge(ipcRenderer, __FLUXDECK_CHANNELS__, __FLUXDECK_EVENTS__));
