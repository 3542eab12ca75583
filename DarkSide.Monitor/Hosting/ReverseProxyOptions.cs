using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace DarkSide.Monitor.Hosting;

/// <summary>
/// The proxies (an ingress controller, nginx) whose X-Forwarded-Proto/Host/For the monitor believes, so that behind a
/// TLS-terminating proxy the sign-in redirect URI is https://public-host/signin-oidc and cookies can be Secure.
/// Nobody is believed unless listed: a client cannot claim another host or scheme by sending the headers itself.
/// </summary>
public sealed class ReverseProxyOptions
{
    public const string SectionName = "ReverseProxy";

    /// <summary>Addresses of the proxies, e.g. 10.42.0.17.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks the proxies are in, e.g. 10.42.0.0/16 (a cluster's pod network).</summary>
    public string[] KnownNetworks { get; set; } = [];

    public bool Enabled => KnownProxies.Length > 0 || KnownNetworks.Length > 0;
}

public sealed class ValidateReverseProxyOptions : IValidateOptions<ReverseProxyOptions>
{
    public ValidateOptionsResult Validate(string? name, ReverseProxyOptions options)
    {
        var errors = options
            .KnownProxies.Where(p => !IPAddress.TryParse(p, out _))
            .Select(p => $"ReverseProxy:KnownProxies has '{p}'; expected an IP address such as 10.42.0.17.")
            .Concat(
                options
                    .KnownNetworks.Where(n => !System.Net.IPNetwork.TryParse(n, out _))
                    .Select(n => $"ReverseProxy:KnownNetworks has '{n}'; expected a network such as 10.42.0.0/16.")
            )
            .ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

public static class ReverseProxyExtensions
{
    /// <summary>First in the pipeline, so everything after sees the client's scheme, host and address.</summary>
    public static WebApplication UseMonitorForwardedHeaders(this WebApplication app)
    {
        var proxy = app.Services.GetRequiredService<IOptions<ReverseProxyOptions>>().Value;
        if (!proxy.Enabled)
        {
            return app;
        }

        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders =
                ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost,
        };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var address in proxy.KnownProxies)
        {
            options.KnownProxies.Add(IPAddress.Parse(address));
        }

        foreach (var network in proxy.KnownNetworks)
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        }

        app.UseForwardedHeaders(options);
        return app;
    }
}
