/**
 * The play screen's DOM: the meters and countdown over the stage band, then the speaker's portrait
 * and the situation beside the choices; after a choice, the speaker's reaction, what happened, the
 * skill changes in words, the references and Continue. Everything of a decision is in view at once on
 * a laptop or a projector (see styles.css and fitPanel); on a phone it is one scroll, with a cue.
 */
import { outcomeOf, textKey, type DecisionModel, type Expression, type ScenarioModel } from '../engine';
import { scenarioText, t } from '../i18n';
import { append, clear, h, paragraphs } from '../web/dom';
import { referenceChips } from './reference-card';
import { portraitImage } from './portrait';
import type { PlaySession } from './session';
import { skillChanges } from './skills-view';
import { timerSeconds } from './storage';

export interface PlayActions {
  /** The run reached an ending (or got stuck) and the trainee asked for the debrief. */
  finish(): void;
  quit(): void;
  /** The node changed: the stage should show it. */
  nodeShown(): void;
}

export class PlayView {
  readonly element: HTMLElement;
  private readonly hud: HTMLElement;
  private readonly panel: HTMLElement;
  private countdown: { timer: number; deadline: number } | undefined;
  /** Shows or hides the "more choices below" cue of the decision on screen. */
  private updateCue: () => void = () => undefined;
  private readonly onKey = (event: KeyboardEvent) => this.key(event);
  private readonly onResize = () => {
    this.fitBand();
    fitPanel(this.panel);
    this.updateCue();
  };

  constructor(
    private readonly session: PlaySession,
    private readonly actions: PlayActions,
    /** The workshop's sending status, when in a workshop (the same element survives each render). */
    private readonly status: HTMLElement | null = null,
  ) {
    this.hud = h('div', { class: 'hud' });
    this.panel = h('div', { class: 'panel', tabindex: '-1', onscroll: () => this.updateCue() });
    this.element = h('section', { class: 'screen play', 'data-scenario': session.model.id }, this.hud, this.panel);
    document.addEventListener('keydown', this.onKey);
    window.addEventListener('resize', this.onResize);
  }

  private get model(): ScenarioModel {
    return this.session.model;
  }

  private text(key: string): string {
    return scenarioText(this.model.id, this.model.languages, key);
  }

  /** Shows whatever the session is at: feedback of the last step, the current decision, or the stuck notice. */
  render(): void {
    this.stopCountdown();
    document.body.dataset['phase'] = this.session.showingFeedback ? 'feedback' : 'decision';
    this.renderMeters();
    if (this.session.showingFeedback && this.session.state.path.length > 0) this.renderFeedback();
    else if (this.session.stuck) this.renderStuck();
    else if (this.session.ended) this.actions.finish();
    else this.renderDecision();
    this.actions.nodeShown();
  }

  destroy(): void {
    document.body.style.removeProperty('--hud');
    this.stopCountdown();
    document.removeEventListener('keydown', this.onKey);
    window.removeEventListener('resize', this.onResize);
  }

  private renderMeters(): void {
    clear(this.hud);
    const meters = Object.entries(this.model.meters);
    const list = h(
      'ul',
      { class: 'meters', 'aria-label': t('play.meters') },
      ...meters.map(([id, meter]) => {
        const value = this.session.state.meters[id] ?? meter.initial;
        const fraction = meter.max === meter.min ? 1 : (value - meter.min) / (meter.max - meter.min);
        return h(
          'li',
          { class: 'meter', 'data-meter': id },
          h('span', { class: 'meter-label' }, this.text(textKey.meterLabel(id))),
          h(
            'span',
            {
              class: 'meter-bar',
              role: 'meter',
              'aria-valuemin': meter.min,
              'aria-valuemax': meter.max,
              'aria-valuenow': value,
              'aria-label': this.text(textKey.meterLabel(id)),
            },
            h('span', { class: 'meter-fill', style: `width: ${Math.round(fraction * 100)}%` }),
          ),
          h('span', { class: 'meter-value' }, String(value)),
        );
      }),
    );
    const quit = h(
      'button',
      { type: 'button', class: 'quit', onclick: () => window.confirm(t('play.quitConfirm')) && this.actions.quit() },
      t('play.quit'),
    );
    const preview = this.session.preview ? h('p', { class: 'preview-badge' }, t('play.preview')) : null;
    append(this.hud, [h('div', { class: 'hud-left' }, quit, preview, this.status, h('div', { class: 'countdown', hidden: true })), list]);
  }

  /** Who speaks: their portrait with `expression`, their name and role. */
  private speakerCard(speaker: string | undefined, expression: Expression): HTMLElement | null {
    if (!speaker) return null;
    const name = this.text(textKey.characterName(speaker));
    const role = this.text(textKey.characterRole(speaker));
    return h(
      'div',
      { class: 'who' },
      portraitImage(this.session.playable, speaker, expression, name),
      h('p', { class: 'speaker' }, h('strong', {}, name), role ? h('span', { class: 'role' }, role) : null),
    );
  }

  private renderDecision(): void {
    const node = this.session.node as DecisionModel;
    const choices = this.session.offered();
    clear(this.panel);
    this.panel.className = 'panel deciding';
    const options = h(
      'div',
      { class: 'options' },
      h(
        'ol',
        { class: 'choices', 'aria-label': t('play.choicesLabel') },
        ...choices.map((choice, i) =>
          h(
            'li',
            {},
            h(
              'button',
              { type: 'button', class: 'choice', 'data-choice': choice.id, onclick: () => this.choose(choice.id) },
              h('span', { class: 'key', 'aria-hidden': 'true' }, String(i + 1)),
              h('span', { class: 'label' }, this.text(textKey.choiceText(node.id, choice.id))),
            ),
          ),
        ),
      ),
    );
    // With timers off, a node whose only way on is its timer would strand the trainee: let them say so.
    if (choices.length === 0 && node.timeout && timerSeconds(node.timeout.seconds, this.session.timer) === undefined) {
      options.append(
        h(
          'button',
          { type: 'button', class: 'primary continue', onclick: () => this.session.expire() && this.render() },
          t('play.letTimePass'),
        ),
      );
    }
    append(this.panel, [
      this.speakerCard(node.speaker, node.expression ?? 'neutral'),
      h('div', { class: 'words situation' }, ...paragraphs(this.text(textKey.nodeText(node.id)))),
      options,
      this.moreBelowCue(options),
    ]);
    this.startCountdown(node);
    this.afterRender();
  }

  private choose(id: string): void {
    if (this.session.choose(id)) this.render();
  }

  private renderFeedback(): void {
    this.updateCue = () => undefined;
    const path = this.session.state.path;
    const last = path[path.length - 1]!;
    const reviewed = this.session.review()?.steps.at(-1);
    const node = this.model.nodes[last.node] as DecisionModel;
    const outcome = outcomeOf(node, last.choice);
    const feedback = this.text(textKey.feedback(last.node, last.choice));
    const changes = reviewed ? skillChanges(reviewed.gained) : [];
    const meterChanges = Object.entries(reviewed?.meterChanges ?? {}).map(([id, d]) =>
      h('li', { class: d > 0 ? 'up' : 'down' }, `${this.text(textKey.meterLabel(id))} ${d > 0 ? '+' : '−'}${Math.abs(d)}`),
    );
    const repeated = reviewed?.repeated === true;
    const ended = this.session.ended || this.session.stuck;

    clear(this.panel);
    this.panel.className = 'panel feedback-panel';
    append(this.panel, [
      this.speakerCard(node.speaker, outcome?.expression ?? node.expression ?? 'neutral'),
      h(
        'div',
        { class: 'words' },
        h('h2', { class: 'feedback-heading' }, t('play.feedbackHeading')),
        h(
          'p',
          { class: 'chosen' },
          last.choice === 'timeout' ? t('play.timeoutChosen') : this.text(textKey.choiceText(last.node, last.choice)),
        ),
        h('div', { class: 'feedback' }, ...paragraphs(feedback)),
      ),
      h(
        'div',
        { class: 'after' },
        changes.length > 0
          ? h('ul', { class: 'skill-changes', 'aria-label': t('debrief.skills') }, ...changes)
          : h('p', { class: 'muted' }, repeated ? t('play.repeatNoScore') : t('play.noSkillChange')),
        meterChanges.length > 0 ? h('ul', { class: 'meter-changes' }, ...meterChanges) : null,
        referenceChips(this.model, outcome?.refs ?? []),
        h(
          'button',
          { type: 'button', class: 'primary continue', onclick: () => this.continue() },
          ended ? t('play.seeDebrief') : t('play.continue'),
        ),
      ),
    ]);
    this.afterRender();
    this.panel.querySelector<HTMLButtonElement>('button.continue')?.focus({ preventScroll: true });
  }

  /** Back to the top, and on a laptop or projector, the whole panel brought into view (see fitPanel). */
  private afterRender(): void {
    this.panel.scrollTop = 0;
    window.scrollTo(0, 0);
    this.fitBand();
    fitPanel(this.panel);
    this.updateCue();
  }

  /**
   * The stage band is never shorter than the HUD it carries (quit, countdown, meters), so the meters
   * never cover the words: with large text or many meters they can outgrow the band's share.
   */
  private fitBand(): void {
    const top = this.hud.getBoundingClientRect().top;
    const bottom = Math.max(top, ...[...this.hud.children].map((child) => child.getBoundingClientRect().bottom));
    const padding = parseFloat(getComputedStyle(this.hud).paddingBottom) || 0;
    document.body.style.setProperty('--hud', `${Math.ceil(bottom - top + padding)}px`);
  }

  /**
   * On a phone the choices follow the words in one scroll: a cue at the foot of the screen says more
   * choices are below until the last one is in view (judged again on every scroll and resize).
   */
  private moreBelowCue(options: HTMLElement): HTMLElement {
    const cue = h('p', { class: 'more-below', 'aria-hidden': 'true' }, t('play.moreBelow'));
    this.updateCue = () => {
      const last = options.lastElementChild?.lastElementChild ?? options;
      cue.classList.toggle('shown', last.getBoundingClientRect().bottom > this.panel.getBoundingClientRect().bottom + 1);
    };
    return cue;
  }

  private continue(): void {
    this.session.acknowledge();
    if (this.session.ended) this.actions.finish();
    else this.render();
  }

  private renderStuck(): void {
    clear(this.panel);
    this.panel.className = 'panel';
    this.panel.append(
      h('p', { class: 'notice', role: 'status' }, t('play.stuck')),
      h('button', { type: 'button', class: 'primary continue', onclick: () => this.actions.finish() }, t('play.seeDebrief')),
    );
  }

  private startCountdown(node: DecisionModel): void {
    const seconds = node.timeout ? timerSeconds(node.timeout.seconds, this.session.timer) : undefined;
    const box = this.hud.querySelector<HTMLElement>('.countdown')!;
    if (seconds === undefined) return;
    box.hidden = false;
    const deadline = performance.now() + seconds * 1000;
    const tick = () => {
      const left = Math.max(0, Math.ceil((deadline - performance.now()) / 1000));
      box.textContent = '';
      box.append(
        h('span', { class: 'countdown-bar', style: `width: ${(100 * left) / seconds}%` }),
        h(
          'span',
          { class: 'countdown-text', role: 'timer', 'aria-live': left <= 10 ? 'polite' : 'off' },
          t('play.timeLeft', { count: left }),
        ),
      );
      box.classList.toggle('urgent', left <= 10);
      if (left === 0) {
        this.stopCountdown();
        if (this.session.expire()) this.render();
      }
    };
    tick();
    this.countdown = { timer: window.setInterval(tick, 250), deadline };
  }

  private stopCountdown(): void {
    if (this.countdown) window.clearInterval(this.countdown.timer);
    this.countdown = undefined;
  }

  /** Keys 1–6 take the choice with that number; Enter and Tab work through the buttons themselves. */
  private key(event: KeyboardEvent): void {
    if (event.altKey || event.ctrlKey || event.metaKey || document.querySelector('dialog[open]')) return;
    const n = Number(event.key);
    if (!Number.isInteger(n) || n < 1 || n > 6) return;
    const button = this.panel.querySelectorAll<HTMLButtonElement>('button.choice')[n - 1];
    if (button) {
      event.preventDefault();
      button.click();
    }
  }
}

/** The smallest text the fitting may go to, as a share of the screen's normal size. */
const SMALLEST_FIT = 0.8;

/**
 * A safety net under the layout: where the screen is wide enough for the side-by-side layout but a
 * decision's words are unusually long, the panel's text steps down (5 % at a time, to no less than
 * 80 %) until nothing needs scrolling. On a phone the panel scrolls instead and nothing shrinks.
 */
function fitPanel(panel: HTMLElement): void {
  panel.style.removeProperty('--fit');
  if (getComputedStyle(panel).getPropertyValue('--fits').trim() !== 'wide') return;
  for (let fit = 0.95; fit >= SMALLEST_FIT - 1e-9 && panel.scrollHeight > panel.clientHeight + 1; fit -= 0.05) {
    panel.style.setProperty('--fit', fit.toFixed(2));
  }
}
