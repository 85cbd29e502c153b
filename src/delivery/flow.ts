/**
 * Backpressure bookkeeping between routes and containers. A route whose buffer is full
 * (`when_full: block`) blocks the containers that offered to it; the source pauses a container while
 * at least one route blocks it (Docker keeps the logs meanwhile), and resumes it only when every
 * route that blocked it has drained. Routes fed by other containers are not affected.
 *
 * Routes are keyed by their object, not their name: after a reload a changed route and its
 * replacement share a name, and the retiring one's late drain must not resume what the new one paused.
 */
export interface FlowCallbacks {
  pause(containerId: string): void;
  resume(containerId: string): void;
}

export class FlowControl<R extends object = object> {
  readonly #cb: FlowCallbacks;
  /** container → routes blocking it. */
  readonly #byContainer = new Map<string, Set<R>>();
  /** route → containers it blocks. */
  readonly #byRoute = new Map<R, Set<string>>();

  constructor(callbacks: FlowCallbacks) {
    this.#cb = callbacks;
  }

  /** `route` answered 'pause' to a record of `containerId`. Pauses the container on the first block. */
  block(containerId: string, route: R): void {
    let routes = this.#byContainer.get(containerId);
    if (routes === undefined) {
      routes = new Set();
      this.#byContainer.set(containerId, routes);
    }
    if (routes.has(route)) return;
    const first = routes.size === 0;
    routes.add(route);
    let containers = this.#byRoute.get(route);
    if (containers === undefined) {
      containers = new Set();
      this.#byRoute.set(route, containers);
    }
    containers.add(containerId);
    if (first) this.#cb.pause(containerId);
  }

  /** `route` drained (or was retired): resumes every container no other route still blocks. */
  release(route: R): void {
    const containers = this.#byRoute.get(route);
    if (containers === undefined) return;
    this.#byRoute.delete(route);
    for (const id of containers) {
      const routes = this.#byContainer.get(id);
      if (routes === undefined) continue;
      routes.delete(route);
      if (routes.size === 0) {
        this.#byContainer.delete(id);
        this.#cb.resume(id);
      }
    }
  }

  /** The container is gone: forget it without resuming. */
  forget(containerId: string): void {
    const routes = this.#byContainer.get(containerId);
    if (routes === undefined) return;
    this.#byContainer.delete(containerId);
    for (const r of routes) {
      const containers = this.#byRoute.get(r);
      containers?.delete(containerId);
      if (containers?.size === 0) this.#byRoute.delete(r);
    }
  }
}
