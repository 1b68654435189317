// Every namespace of the Vietnamese catalogue; the list of namespaces is the same in both languages.
import type { Catalogue } from '../catalogue';
import type en from '../en';
import accounts from './accounts';
import alerts from './alerts';
import auth from './auth';
import chart from './chart';
import common from './common';
import errors from './errors';
import format from './format';
import health from './health';
import marketData from './marketData';
import notifications from './notifications';
import orderTicket from './orderTicket';
import orders from './orders';
import plan from './plan';
import portfolio from './portfolio';
import positions from './positions';
import risk from './risk';
import secrets from './secrets';
import sharedMode from './sharedMode';
import signIn from './signIn';
import topBar from './topBar';
import tradeTape from './tradeTape';
import workspaceTabs from './workspaceTabs';

const vi: { [N in keyof typeof en]: Catalogue<(typeof en)[N]> } = {
  accounts,
  alerts,
  auth,
  chart,
  common,
  errors,
  format,
  health,
  marketData,
  notifications,
  orderTicket,
  orders,
  plan,
  portfolio,
  positions,
  risk,
  secrets,
  sharedMode,
  signIn,
  topBar,
  tradeTape,
  workspaceTabs,
};

export default vi;
