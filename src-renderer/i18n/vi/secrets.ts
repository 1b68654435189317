import type { Catalogue } from '../catalogue';
import type en from '../en/secrets';

const vi: Catalogue<typeof en> = {};

export default vi;
