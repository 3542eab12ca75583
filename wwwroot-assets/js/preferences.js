// The viewer's display preferences (theme, which panels are open) as cookies, and the "/" shortcut: the server reads
// them before it renders, so a reload shows the chosen theme and panels from its first frame, with no flash.
// An ES module: App.razor loads it for its listeners; MainLayout and FocusHeadingOnNavigate import the same instance
// for set and focusHeading. Nothing on window.
const maxAge = 60 * 60 * 24 * 365;

export function set(name, value) {
    document.cookie = `dsm-${name}=${encodeURIComponent(value)}; path=/; max-age=${maxAge}; samesite=lax`;
}

// After a navigation the page's heading takes the focus (as Blazor's FocusOnNavigate does), unless the viewer is
// typing in a field: the circuit starts after the page shows and must not take the caret from them.
export function focusHeading(selector) {
    const active = document.activeElement;
    if (active instanceof HTMLElement &&
        (active.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(active.tagName))) {
        return;
    }
    const heading = document.querySelector(selector);
    if (heading instanceof HTMLElement) {
        if (!heading.hasAttribute("tabindex")) {
            heading.tabIndex = -1;
        }
        heading.focus({ preventScroll: true });
    }
}

// A <details data-remember="x"> remembers whether it was left open.
document.addEventListener("toggle", (event) => {
    const panel = event.target;
    if (panel instanceof HTMLDetailsElement && panel.dataset.remember) {
        set(`open-${panel.dataset.remember}`, panel.open ? "open" : "closed");
    }
}, true);

// The skip link moves focus, not only the scroll position. On window, in the capture phase: before Blazor's
// router, which would treat the "#" link as a navigation and move focus to the h1.
window.addEventListener("click", (event) => {
    const link = event.target instanceof Element ? event.target.closest("a.skip-link") : null;
    const main = document.getElementById("main-content");
    if (link && main) {
        event.preventDefault();
        event.stopPropagation();
        main.focus();
    }
}, true);

// "/" jumps to the app bar's search, as in most dashboards, unless the viewer is typing somewhere.
document.addEventListener("keydown", (event) => {
    const target = event.target;
    const typing = target instanceof HTMLElement &&
        (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
    if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
        const search = document.getElementById("global-search");
        if (search) {
            event.preventDefault();
            search.focus();
        }
    }
});
