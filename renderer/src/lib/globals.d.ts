/// <reference types="vite/client" />
// What the desktop app's preload puts on window. The web host has neither object.
import type { Envelope, Method } from '../../../main/api/contract.ts';
import type { DesktopBridge } from '../../../main/api/desktop.ts';

declare global {
  interface Window {
    framelens?: { [M in Method]?: (input: unknown) => Promise<Envelope<unknown>> };
    framelensDesktop?: DesktopBridge;
  }
}

export {};
