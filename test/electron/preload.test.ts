import type { IpcMainInvokeEvent } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ElectronBridge } from '../../core/api/bridge';
import { CHANGES_CHANNEL, type ChangesBridge } from '../../core/api/changes-bridge';
import { methodNames } from '../../core/base/method-names';
import { SHELL_CHANNELS } from '../../core/api/shell-bridge';
import { registerIpc } from '../../electron/ipc';
import { isTrustedSender } from '../../electron/security';
import { openTempCore, type TempCore } from '../support/temp-core';
import { deskTap } from './desk-tap';

type InvokeListener = (event: IpcMainInvokeEvent, input: unknown) => Promise<unknown>;

/** What the preload sees as `electron`: a bridge that records what it exposes, and an ipcRenderer wired to a fake ipcMain. */
const electron = vi.hoisted(() => {
  const mainHandlers = new Map<string, InvokeListener>();
  type RendererListener = (event: unknown, ...args: unknown[]) => void;
  const rendererListeners = new Map<RendererListener, string>();
  const ipcRenderer = {
    invoke: vi.fn(async (channel: string, ...args: unknown[]) => {
      const listener = mainHandlers.get(channel);
      if (!listener) throw new Error(`No handler registered for '${channel}'`);
      const event = { senderFrame: { url: 'app://kontaktdesk/index.html' } } as unknown as IpcMainInvokeEvent;
      return structuredClone(await listener(event, structuredClone(args[0])));
    }),
    send: vi.fn(),
    on: vi.fn((channel: string, listener: RendererListener) => void rendererListeners.set(listener, channel)),
    removeListener: vi.fn((_channel: string, listener: RendererListener) => void rendererListeners.delete(listener)),
  };
  /** What the main process would send to this window: every listener of the channel gets an IPC event and the message. */
  const emit = (channel: string, message: unknown) => {
    const event = { sender: ipcRenderer, senderId: 0 };
    for (const [listener, on] of rendererListeners) if (on === channel) listener(event, structuredClone(message));
  };
  const exposed = new Map<string, unknown>();
  const contextBridge = { exposeInMainWorld: vi.fn((key: string, api: unknown) => exposed.set(key, api)) };
  const ipcMain = {
    handle: (channel: string, listener: InvokeListener) => mainHandlers.set(channel, listener),
    removeHandler: (channel: string) => mainHandlers.delete(channel),
  };
  return { ipcRenderer, contextBridge, exposed, ipcMain, emit, rendererListeners };
});

vi.mock('electron', () => ({ contextBridge: electron.contextBridge, ipcRenderer: electron.ipcRenderer }));

let core: TempCore;
let unregister: () => void;
beforeEach(async () => {
  core = await openTempCore();
  unregister = registerIpc(electron.ipcMain as never, core.api, isTrustedSender);
  electron.exposed.clear();
  vi.resetModules();
  await import('../../electron/preload');
});
afterEach(async () => {
  unregister();
  await core.dispose();
});

const bridge = () => electron.exposed.get('kontaktdesk') as ElectronBridge;

describe('preload', () => {
  it('exposes exactly one function per contract method on window.kontaktdesk, and nothing else', () => {
    expect([...electron.exposed.keys()]).toEqual(['kontaktdesk', 'kontaktdeskShell', 'kontaktdeskChanges']);
    const api = bridge() as unknown as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual([...methodNames].sort());
    for (const name of methodNames) expect(api[name]).toBeTypeOf('function');
  });

  it('never hands ipcRenderer or its methods to the page', () => {
    const api = bridge() as unknown as Record<string, unknown>;
    const leaked = Object.values(api).filter(
      (value) => value === electron.ipcRenderer || value === electron.ipcRenderer.invoke || value === electron.ipcRenderer.send,
    );
    expect(leaked).toEqual([]);
    expect(api).not.toHaveProperty('ipcRenderer');
    expect(api).not.toHaveProperty('invoke');
  });

  it('logs a contact through registerIpc into the real core', async () => {
    const tap = await deskTap(core.handlers);
    const envelope = await bridge().logContact(tap);
    expect(envelope).toMatchObject({ ok: true, value: { todayCount: 1 } });
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith('kontaktdesk:logContact', tap);
    const day = await core.handlers.listDay({});
    expect(day.count).toBe(1);
  });

  it('window.kontaktdeskShell offers only savePdf, which asks the main process on its own channel with a string', async () => {
    const shell = electron.exposed.get('kontaktdeskShell') as Record<string, (...args: unknown[]) => Promise<unknown>>;
    expect(Object.keys(shell)).toEqual(['savePdf']);
    electron.ipcMain.handle(SHELL_CHANNELS.savePdf, async (_event, name) => ({ saved: name === 'bericht.pdf' }));
    await expect(shell.savePdf!('bericht.pdf', 'extra')).resolves.toEqual({ saved: true });
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(SHELL_CHANNELS.savePdf, 'bericht.pdf');
  });

  it('window.kontaktdeskChanges offers only subscribe: the page hears the change alone, never the IPC event, until it unsubscribes', () => {
    const changes = electron.exposed.get('kontaktdeskChanges') as ChangesBridge;
    expect(Object.keys(changes)).toEqual(['subscribe']);
    const heard: unknown[][] = [];
    const unsubscribe = changes.subscribe((...args: unknown[]) => heard.push(args));
    electron.emit(CHANGES_CHANNEL, { kind: 'contacts', days: ['2026-03-10'] });
    electron.emit('kontaktdesk-live:other', { kind: 'catalog' });
    expect(heard).toEqual([[{ kind: 'contacts', days: ['2026-03-10'] }]]);
    unsubscribe();
    electron.emit(CHANGES_CHANNEL, { kind: 'catalog' });
    expect(heard).toHaveLength(1);
    expect(electron.rendererListeners.size).toBe(0);
    expect(() => changes.subscribe('not a function' as never)).toThrow(TypeError);
  });

  it('passes only the input and a string session on, so the page cannot smuggle extra arguments to the main process', async () => {
    const listDay = bridge().listDay as (...args: unknown[]) => Promise<unknown>;
    await listDay({}, 'session-token', { more: true });
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith('kontaktdesk:listDay', {}, 'session-token');
    await listDay({}, { not: 'a string' }, 'extra');
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith('kontaktdesk:listDay', {});
  });
});
