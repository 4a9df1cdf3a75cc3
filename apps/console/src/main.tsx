import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { RouterProvider } from './routing/router';
import { ConsoleProvider } from './session/console-context';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <RouterProvider>
      <ConsoleProvider>
        <App />
      </ConsoleProvider>
    </RouterProvider>
  </StrictMode>,
);
