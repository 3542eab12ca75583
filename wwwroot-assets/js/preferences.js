// The viewer's display preferences (theme, which panels are open) as cookies: the server reads them before it
// renders, so a reload shows the chosen theme and panels from its first frame, with no flash.
(function () {
    const maxAge = 60 * 60 * 24 * 365;
    function set(name, value) {
        document.cookie = `dsm-${name}=${encodeURIComponent(value)}; path=/; max-age=${maxAge}; samesite=lax`;
    }
    // A <details data-remember="x"> remembers whether it was left open.
    document.addEventListener("toggle", (event) => {
        const panel = event.target;
        if (panel instanceof HTMLDetailsElement && panel.dataset.remember) {
            set(`open-${panel.dataset.remember}`, panel.open ? "open" : "closed");
        }
    }, true);
    window.dsmPreferences = { set };
})();
