import { useConnection } from '../stores/connection';
import { connect } from './connect';

/** The app's API client, connected once at start. */
export const api = connect((status) => useConnection.getState().setStatus(status));
export type { ApiClient } from './client';
