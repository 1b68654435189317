export { DemoVenue, type DemoVenueOptions } from './demo-venue';
export { DEMO_SYMBOLS } from './demo-symbols';
export { seededRandom } from './random';
