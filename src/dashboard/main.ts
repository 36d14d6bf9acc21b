/** The trainer's dashboard (served by the workshop server at /dashboard.html). */
const root = document.getElementById('dashboard')!;
root.textContent = 'Prasan dashboard';
document.body.dataset['mode'] = 'ready';
