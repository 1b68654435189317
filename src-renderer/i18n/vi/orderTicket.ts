import type { Catalogue } from '../catalogue';
import type en from '../en/orderTicket';

const vi: Catalogue<typeof en> = {};

export default vi;
