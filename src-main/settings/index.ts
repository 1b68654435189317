export { PreferencesService, DEFAULT_PREFERENCES } from './preferences';
