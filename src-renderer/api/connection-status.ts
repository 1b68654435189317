/** How the renderer is connected to main: always `connected` in Electron; over WebSocket it can drop and return. */
export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'unauthorized';
