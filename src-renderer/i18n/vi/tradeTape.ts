import type { Catalogue } from '../catalogue';
import type en from '../en/tradeTape';

const vi: Catalogue<typeof en> = {};

export default vi;
