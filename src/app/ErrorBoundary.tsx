/**
 * Last line of defence: a render error shows a message and a reload button instead of a blank page.
 * With `fallback`, it guards one part of the page (a lazily loaded panel that failed to arrive)
 * and shows that part's own message, leaving the rest working.
 */
import { Component, type ReactNode } from 'react';

interface State {
  error: Error | null;
}

interface Props {
  children: ReactNode;
  /** What to show instead of the children after an error (default: the whole-page message). */
  fallback?: (error: Error) => ReactNode;
}

export class ErrorBoundary extends Component<Props, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  render() {
    if (!this.state.error) return this.props.children;
    if (this.props.fallback) return this.props.fallback(this.state.error);
    return (
      <div role="alert" className="fatal">
        <h1>Something went wrong</h1>
        <p>The playground hit an unexpected error: {this.state.error.message}</p>
        <button type="button" onClick={() => location.reload()}>
          Reload
        </button>
      </div>
    );
  }
}
