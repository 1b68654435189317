import type { Catalogue } from '../catalogue';
import type en from '../en/chart';

const vi: Catalogue<typeof en> = {};

export default vi;
