// Writes app/components/ui/icons.svg from app/components/ui/icon-set.ts. Run it after
// adding an icon to the set (`npm run icons`); a unit test fails while it is stale.
import fs from 'node:fs'
import { iconSprite } from '../app/components/ui/icon-sprite.server.ts'

const file = 'app/components/ui/icons.svg'
fs.writeFileSync(file, iconSprite())
console.log(`Wrote ${file}`)
