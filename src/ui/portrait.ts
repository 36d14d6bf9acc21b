/**
 * The speaker's portrait beside the words: an <img> of the character's SVG, showing one expression
 * through the file's SVG view of that name, with a text alternative naming the person and the face.
 * Shipped scenarios bring their portraits as files; for any other (a trainer's own file, a workshop
 * upload, the dev server) they are drawn here, by a part of the game loaded only then.
 */
import type { CharacterModel, Expression } from '../engine';
import { t } from '../i18n';
import type { PlayableScenario } from './library';
import { h } from '../web/dom';

const drawn = new Map<string, Promise<string>>();

/** The address of a character's portrait file: the build's, or one drawn in this page. */
function portraitFile(playable: PlayableScenario, id: string, character: CharacterModel): Promise<string> {
  const built = playable.portraits?.[id];
  if (built) return Promise.resolve(built);
  const key = `${id} ${JSON.stringify(character.look)}`;
  let url = drawn.get(key);
  if (!url) {
    url = import('../portraits/render').then(({ portraitSvg }) =>
      URL.createObjectURL(new Blob([portraitSvg(id, character.look)], { type: 'image/svg+xml' })),
    );
    drawn.set(key, url);
  }
  return url;
}

/** The portrait of `id` with `expression`; `name` is how the page names the person. */
export function portraitImage(playable: PlayableScenario, id: string, expression: Expression, name: string): HTMLImageElement {
  const character = playable.model.characters[id];
  const img = h('img', {
    class: 'portrait',
    alt: t('play.portraitAlt', { name, expression: t(`play.expression.${expression}`) }),
    width: 280,
    height: 280,
    'data-expression': expression,
    'data-side': character?.side ?? 'neutral',
  });
  if (character) {
    void portraitFile(playable, id, character).then((url) => {
      img.src = `${url}#${expression}`;
    });
  }
  return img;
}
