import type { TFunction } from 'i18next';
import { Component, Fragment, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { InputOf } from '../../shared/rpc/define.js';
import type { Methods } from '../../shared/contract.js';
import { useSend } from '../rpc/hooks.js';

interface PanelBoundaryProps {
  /** What the person calls this part of the screen, in the page's language: 叫号, 受理, 取号… */
  part: string;
  children: ReactNode;
}

interface PanelBoundaryState {
  failed: boolean;
  /** Bumped by 重新加载: the part is mounted afresh, with none of the state that broke it. */
  generation: number;
}

/**
 * A part of a screen that fails to render shows what failed and a way to start that part again, while
 * every other part goes on working: a clerk mid-case, or a citizen at the kiosk, never gets a blank page.
 * What went wrong goes to the terminal host's log, not onto the screen.
 */
export function PanelBoundary(props: PanelBoundaryProps) {
  const send = useSend();
  const { t } = useTranslation();
  return <Boundary {...props} t={t} report={(error) => void send('system.pageError', error)} />;
}

class Boundary extends Component<
  PanelBoundaryProps & { t: TFunction; report(error: InputOf<Methods, 'system.pageError'>): void },
  PanelBoundaryState
> {
  override state: PanelBoundaryState = { failed: false, generation: 0 };

  static getDerivedStateFromError(): Partial<PanelBoundaryState> {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    const stack = `${error.stack ?? ''}\n${info.componentStack ?? ''}`.slice(0, 4000);
    this.props.report({ part: this.props.part.slice(0, 60), message: String(error.message).slice(0, 500), stack });
  }

  private readonly reset = () => this.setState(({ generation }) => ({ failed: false, generation: generation + 1 }));

  override render(): ReactNode {
    if (this.state.failed) {
      return (
        <section className="panel panel-failed" role="alert" data-failed-part={this.props.part}>
          <p>{this.props.t('panelFailed.message', { part: this.props.part })}</p>
          <button type="button" className="ds-button ds-button-primary" onClick={this.reset}>
            {this.props.t('panelFailed.reload', { part: this.props.part })}
          </button>
        </section>
      );
    }
    return <Fragment key={this.state.generation}>{this.props.children}</Fragment>;
  }
}
