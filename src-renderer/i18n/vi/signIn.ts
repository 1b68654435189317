import type { Catalogue } from '../catalogue';
import type en from '../en/signIn';

const vi: Catalogue<typeof en> = {};

export default vi;
