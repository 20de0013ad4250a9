import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// The shared styles first, so each screen's own stylesheet (imported by its component) can refine them.
import './styles.css';
import { App } from './app/App';
import { initI18n } from './i18n/i18n';

await initI18n();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
