import type { Catalogue } from '../catalogue';
import type en from '../en/orders';

const vi: Catalogue<typeof en> = {};

export default vi;
