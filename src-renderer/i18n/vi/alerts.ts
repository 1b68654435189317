import type { Catalogue } from '../catalogue';
import type en from '../en/alerts';

const vi: Catalogue<typeof en> = {};

export default vi;
