// A process's IPC channel as the object bridge's channel: either the server's handle on the HUD's
// process or, in the HUD's process, `process` itself. The channel must be opened with
// serialization 'advanced' (structured clone, as a MessagePort carries).
import type { ChildProcess, Serializable } from 'node:child_process';
import type { BridgeChannel } from './object-bridge';

export function ipcChannel(end: ChildProcess | NodeJS.Process): BridgeChannel {
  return {
    on: (event, listener) => end.on(event, listener),
    postMessage(message) {
      // Once the other side is gone its calls and replies go nowhere: they end with it.
      if (end.connected) end.send!(message as Serializable);
    },
  };
}
