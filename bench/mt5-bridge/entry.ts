// What the mt5-bridge benchmark measures: the app's bridge server and MT5 venue adapter against the fake terminal.
export { Mt5Venue } from '../../src-main/exchanges';
export { startBridgeHarness, SIM_SYMBOLS } from '../../fakes/mt5-terminal';
