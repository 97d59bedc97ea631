// The app's entry: the stylesheets (tokens, base, primitives), the service worker bridge (built app only), the root.
import './tokens.css';
import './base.css';
import './common/buttons.css';
import './common/fields.css';
import './common/cards.css';
import './common/badges.css';
import './common/notices.css';
import './common/facts.css';
import { render } from 'preact';
import { startPwa } from '../pwa/pwa.ts';
import { App } from './app/App.tsx';

if (import.meta.env.PROD) startPwa();

const root = document.getElementById('app');
if (!root) throw new Error('index.html has no <div id="app">');
render(<App />, root);
