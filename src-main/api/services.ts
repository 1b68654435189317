// What the handlers need from the core. The composition root fills it; tests can fill it with real services built
// on an in-memory database and the demo venue.
import type { VenueDirectory } from '../exchanges';
import type { PreferencesService } from '../settings';
import type { CandleStreams } from '../streaming';

export interface AppIdentity {
  name: string;
  version: string;
  transport: 'ipc' | 'websocket';
}

export interface ApiServices {
  identity: AppIdentity;
  venues: VenueDirectory;
  streams: CandleStreams;
  preferences: PreferencesService;
}
