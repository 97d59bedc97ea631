// The app's entry: the stylesheet, the service worker bridge (built app only), and the root component.
import './styles.css';
import { render } from 'preact';
import { startPwa } from '../pwa/pwa.ts';
import { App } from './app/App.tsx';

if (import.meta.env.PROD) startPwa();

const root = document.getElementById('app');
if (!root) throw new Error('index.html has no <div id="app">');
render(<App />, root);
