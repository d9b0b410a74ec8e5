/**
 * Writes lib/diff/data/azurerm-sets.json: for every azurerm resource type, the attribute paths
 * the provider schema declares as sets (`schema.TypeSet`), where element order carries no
 * meaning, so a reorder alone is not a change. `npx tsx scripts/gen-list-semantics.ts`.
 *
 * Source: the installed, pinned @cdktf/provider-azurerm (generated from the azurerm provider
 * schema); each attribute's `synthesizeHclAttributes()` / `*ToHclTerraform()` entry carries
 * `type: "set" | "list" | ...`. test/diff/list-semantics.test.ts fails when the file is stale.
 */
import { AZURERM_SETS_FILE, buildAzurermSets } from '../lib/diff/data/azurerm-sets-source';
import { generate } from './write-if-changed';

const data = buildAzurermSets();
generate(AZURERM_SETS_FILE, `${JSON.stringify(data, null, 1)}\n`, `: ${Object.keys(data.resources).length} resource types with set attributes`);
