import type { Catalogue } from '../catalogue';
import type en from '../en/format';

const vi: Catalogue<typeof en> = {};

export default vi;
