import type { Catalogue } from '../catalogue';
import type en from '../en/health';

const vi: Catalogue<typeof en> = {};

export default vi;
