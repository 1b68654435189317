import { create } from 'zustand';
import type { ConnectionStatus } from '../api/connection-status';

interface ConnectionState {
  status: ConnectionStatus;
  /** Increments at each (re)connection, so views reload what they may have missed while disconnected. */
  generation: number;
  setStatus: (status: ConnectionStatus) => void;
}

export const useConnection = create<ConnectionState>((set) => ({
  status: 'connecting',
  generation: 0,
  setStatus: (status) =>
    set((state) => ({
      status,
      generation: status === 'connected' && state.status !== 'connected' ? state.generation + 1 : state.generation,
    })),
}));
