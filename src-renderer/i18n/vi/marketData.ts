import type { Catalogue } from '../catalogue';
import type en from '../en/marketData';

const vi: Catalogue<typeof en> = {};

export default vi;
