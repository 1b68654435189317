// Whether the browser showing the app runs on the app's own machine. The browser flow's redirect goes to 127.0.0.1,
// which only reaches the app from there: the desktop window (not an http page) and a page opened at a loopback
// address can use it; a page opened from another machine (a server's host over the LAN) gets the device flow.
export function browserOnAppMachine(location: Pick<Location, 'protocol' | 'hostname'>): boolean {
  if (location.protocol !== 'http:' && location.protocol !== 'https:') return true;
  const host = location.hostname.replace(/^\[(.*)\]$/, '$1');
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
