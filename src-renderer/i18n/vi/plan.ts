import type { Catalogue } from '../catalogue';
import type en from '../en/plan';

const vi: Catalogue<typeof en> = {};

export default vi;
