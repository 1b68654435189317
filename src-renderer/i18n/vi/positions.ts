import type { Catalogue } from '../catalogue';
import type en from '../en/positions';

const vi: Catalogue<typeof en> = {};

export default vi;
