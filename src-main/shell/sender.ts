// Who may call the API over IPC. ipcMain answers any renderer of the process, so each call is checked: it must come
// from a window this app created and from a frame showing the app's own page. Navigation is already guarded in
// window.ts; this is the second lock, for whatever slips past the first (a frame that navigated before a guard ran).
import type { IpcMainInvokeEvent, WebContents, WebFrameMain } from 'electron';
import type { AppLocation } from './app-location';

/** The parts of an invoke event the check reads; a real IpcMainInvokeEvent has them. */
export type SenderEvent = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

export interface SenderPolicy {
  location: AppLocation;
  /** True for the webContents of a window the shell created (see OwnedWindows). */
  owns(contents: WebContents): boolean;
}

function frameUrl(event: SenderEvent): string | null {
  let frame: WebFrameMain | null;
  try {
    // Null (or, in some Electron versions, a throw) once the frame navigated away or was destroyed mid-call.
    frame = event.senderFrame;
  } catch {
    return null;
  }
  return frame ? frame.url : null;
}

export function senderCheck(policy: SenderPolicy): (event: SenderEvent) => boolean {
  return (event) => {
    if (!policy.owns(event.sender)) return false;
    const url = frameUrl(event);
    return url !== null && policy.location.isOwn(url);
  };
}

/** The webContents ids of the windows the shell created; an id leaves the set when its webContents is destroyed. */
export class OwnedWindows {
  private readonly ids = new Set<number>();

  add(contents: WebContents): void {
    const { id } = contents;
    this.ids.add(id);
    contents.once('destroyed', () => this.ids.delete(id));
  }

  owns(contents: WebContents): boolean {
    return this.ids.has(contents.id);
  }
}
