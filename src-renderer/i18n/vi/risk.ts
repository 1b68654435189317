import type { Catalogue } from '../catalogue';
import type en from '../en/risk';

const vi: Catalogue<typeof en> = {};

export default vi;
