import type { Catalogue } from '../catalogue';
import type en from '../en/errors';

const vi: Catalogue<typeof en> = {};

export default vi;
