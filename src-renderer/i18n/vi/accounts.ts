import type { Catalogue } from '../catalogue';
import type en from '../en/accounts';

const vi: Catalogue<typeof en> = {};

export default vi;
