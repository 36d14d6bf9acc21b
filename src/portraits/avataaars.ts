/**
 * How a look and an expression become the options of DiceBear's "avataaars" style (Pablo Stanley's
 * Avataaars, free for personal and commercial use; see assets/LICENSES.md). Pure data: no DiceBear here.
 */
import type { Expression, Look } from '../engine';

type Options = Record<string, string[] | number | boolean>;

const SKIN: Record<Look['skin'], string> = { light: 'ffdbb4', medium: 'edb98a', tan: 'd08b5b', brown: 'ae5d29' };
// Grey for seniors dark enough to show against the light frame.
const HAIR_COLOUR: Record<Look['age'], string> = { young: '2c1b18', middle: '4a312c', senior: 'a9a9a9' };

/** Hair styles by the file's word; men's short hair varies with the person (`variant`). */
const HAIR: Record<Look['hair'], { woman: string[]; man: string[] }> = {
  short: { woman: ['shortRound'], man: ['shortFlat', 'theCaesarAndSidePart', 'shortWaved', 'theCaesar'] },
  long: { woman: ['straight01', 'straight02', 'longButNotTooLong'], man: ['shaggy'] },
  bun: { woman: ['bun'], man: ['bun'] },
  bob: { woman: ['bob'], man: ['shortRound'] },
  bald: { woman: ['sides'], man: ['sides'] },
};

/** Sober colours per dress: navy, charcoal and grey suits; the civil service's khaki. */
const DRESS: Record<Look['dress'], { clothing: string; colours: string[] }> = {
  suit: { clothing: 'blazerAndShirt', colours: ['25557c', '262e33', '3c4f5c'] },
  uniform: { clothing: 'collarAndSweater', colours: ['9c8558'] },
  smart: { clothing: 'blazerAndSweater', colours: ['3c4f5c', '25557c', '929598'] },
  casual: { clothing: 'shirtCrewNeck', colours: ['5199e4', '929598', '65c9ff'] },
};

const FACES: Record<Expression, Options> = {
  neutral: { eyebrows: ['defaultNatural'], eyes: ['default'], mouth: ['default'] },
  pleased: { eyebrows: ['defaultNatural'], eyes: ['happy'], mouth: ['smile'] },
  concerned: { eyebrows: ['sadConcernedNatural'], eyes: ['default'], mouth: ['sad'] },
  displeased: { eyebrows: ['angryNatural'], eyes: ['default'], mouth: ['serious'] },
};

/** `variant` is a number derived from the character's id: it picks among equally fitting details. */
export function avataaarsOptions(look: Look, expression: Expression, variant: number): Options {
  const choose = <T>(values: readonly T[]) => values[variant % values.length]!;
  const dress = DRESS[look.dress];
  return {
    skinColor: [SKIN[look.skin]],
    top: [choose(HAIR[look.hair][look.gender])],
    hairColor: [HAIR_COLOUR[look.age]],
    topProbability: 100,
    clothing: [dress.clothing],
    clothesColor: [choose(dress.colours)],
    accessories: ['prescription02'],
    accessoriesColor: ['262e33'],
    accessoriesProbability: look.glasses ? 100 : 0,
    facialHairProbability: 0,
    ...FACES[expression],
  };
}
