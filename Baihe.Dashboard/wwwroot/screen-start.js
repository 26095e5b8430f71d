// The big screen (/screen) runs unattended on a TV: it starts Blazor with reconnection that never gives up (the
// default stops after 30 attempts and asks for a reload), retrying every second at first and every five seconds after.
// If the circuit itself is lost (a server restart), ReconnectModal.razor.js reloads the page, token and all. If the
// circuit fails with an error, the error bar would wait for a click that never comes: reload after ten seconds instead.
Blazor.start({
    circuit: {
        reconnectionOptions: {
            maxRetries: Infinity,
            retryIntervalMilliseconds: attempt => attempt < 10 ? 1000 : 5000,
        },
    },
});

setInterval(() => {
    const error = document.getElementById("blazor-error-ui");
    if (error && getComputedStyle(error).display !== "none") {
        location.reload();
    }
}, 10000);
