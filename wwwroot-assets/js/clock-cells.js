// The app bar's UTC clock, and clock cells that still count (the time to start of a job not started, the duration of a running job) tick here:
// the server sends the instant they count from once, not a new text with every live refresh. The formats match
// JobTiming.FormatDhms (d:h:mm:ss). The browser's clock is corrected by the server's, read from data-as-of.
(function () {
    let skew = 0;
    const pad = (n) => String(n).padStart(2, "0");
    function dhms(seconds) {
        const s = Math.max(0, Math.floor(seconds));
        return `${Math.floor(s / 86400)}:${Math.floor((s % 86400) / 3600)}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
    }
    function fill(cell, now) {
        const text = dhms(now - Number(cell.dataset.countingFrom));
        if (cell.textContent !== text) {
            cell.textContent = text;
        }
    }
    // data-utc-clock="time": a phone's app bar, the hour and minute only.
    function utc(now, format) {
        const t = new Date(now * 1000);
        const time = `${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`;
        return format === "time" ? `${time} UTC`
            : `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())} ${time}:${pad(t.getUTCSeconds())} UTC`;
    }
    function tick(root) {
        const now = Date.now() / 1000 + skew;
        root.querySelectorAll("[data-utc-clock]").forEach((clock) => {
            const text = utc(now, clock.dataset.utcClock);
            if (clock.textContent !== text) {
                clock.textContent = text;
            }
        });
        if (root.matches && root.matches("[data-counting-from]")) {
            fill(root, now);
        }
        root.querySelectorAll("[data-counting-from]").forEach((cell) => fill(cell, now));
    }
    function readSkew(element) {
        const asOf = Number(element.dataset.asOf);
        if (asOf > 0) {
            skew = asOf - Date.now() / 1000;
        }
    }
    new MutationObserver((mutations) => {
        for (const mutation of mutations) {
            if (mutation.type === "attributes") {
                readSkew(mutation.target);
                continue;
            }
            mutation.addedNodes.forEach((node) => {
                if (node.nodeType === Node.ELEMENT_NODE) {
                    if (node.matches("[data-as-of]")) {
                        readSkew(node);
                    }
                    node.querySelectorAll("[data-as-of]").forEach(readSkew);
                    tick(node);
                }
            });
        }
    }).observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ["data-as-of"] });
    setInterval(() => tick(document.documentElement), 1000);
})();
