import type { Catalogue } from '../catalogue';
import type en from '../en/auth';

const vi: Catalogue<typeof en> = {};

export default vi;
