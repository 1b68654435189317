// The network came back (Wi-Fi rejoined, a train out of a tunnel): the window tells the app, which probes every
// offline venue at once rather than at its next slow probe. Electron's main process has no such event of its own;
// the browser of the headless host's page has the same one.
import { useEffect } from 'react';
import { api } from '../../api';

export function useNetworkOnline(): void {
  useEffect(() => {
    const networkBack = () => void api.call('system:network-online', {}).catch(() => undefined);
    window.addEventListener('online', networkBack);
    return () => window.removeEventListener('online', networkBack);
  }, []);
}
