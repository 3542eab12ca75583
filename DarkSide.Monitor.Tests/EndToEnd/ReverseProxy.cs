using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DarkSide.Monitor.Tests.EndToEnd;

/// <summary>
/// Debian's nginx on loopback as an ingress controller would stand before the monitor's replicas: TLS ends here
/// (a throwaway certificate), X-Forwarded-* say so, and a route cookie keeps a browser on one replica (ingress-nginx's
/// cookie affinity; stock nginx hashes the cookie instead), moving it to another when that one stops answering.
/// </summary>
public sealed class ReverseProxy : IAsyncDisposable
{
    public const string RouteCookie = "dsm_route";

    private readonly string _folder;
    private readonly Process _nginx;

    private ReverseProxy(string folder, int port, Process nginx)
    {
        _folder = folder;
        Port = port;
        _nginx = nginx;
    }

    public int Port { get; }

    public string BaseUrl => $"https://127.0.0.1:{Port}";

    public string ErrorLog =>
        File.Exists(Path.Combine(_folder, "error.log")) ? File.ReadAllText(Path.Combine(_folder, "error.log")) : "";

    public static async Task<ReverseProxy> StartAsync(IReadOnlyList<string> upstreams)
    {
        var folder = Directory.CreateTempSubdirectory("darkside-nginx-").FullName;
        WriteThrowawayCertificate(folder);
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var config = Path.Combine(folder, "nginx.conf");
        await File.WriteAllTextAsync(config, Configuration(folder, port, upstreams));
        var binary = Environment.GetEnvironmentVariable("DARKSIDE_TEST_NGINX") ?? "/usr/sbin/nginx";
        var nginx =
            Process.Start(new ProcessStartInfo(binary, ["-p", folder, "-c", config]) { RedirectStandardError = true })
            ?? throw new InvalidOperationException("Could not start " + binary);
        var proxy = new ReverseProxy(folder, port, nginx);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (nginx.HasExited)
            {
                throw new InvalidOperationException(
                    $"nginx exited with {nginx.ExitCode}: {await nginx.StandardError.ReadToEndAsync()}"
                );
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return proxy;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException("nginx did not listen in 10 s: " + proxy.ErrorLog);
    }

    private static string Configuration(string folder, int port, IReadOnlyList<string> upstreams)
    {
        var servers = string.Concat(
            upstreams.Select(u => $"        server {new Uri(u).Authority} max_fails=1 fail_timeout=60s;\n")
        );
        // As root, nginx's workers would run as nobody, who cannot write this test's temporary folder.
        var user = Environment.UserName == "root" ? "user root;" : "";
        return $$"""
            {{user}}
            daemon off;
            worker_processes 1;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;
            events { worker_connections 512; }
            http {
                access_log {{folder}}/access.log;
                client_body_temp_path {{folder}}/body;
                proxy_temp_path {{folder}}/proxy;
                fastcgi_temp_path {{folder}}/fastcgi;
                uwsgi_temp_path {{folder}}/uwsgi;
                scgi_temp_path {{folder}}/scgi;
                map $cookie_{{RouteCookie}} $route { "" $request_id; default $cookie_{{RouteCookie}}; }
                map $http_upgrade $connection_upgrade { default upgrade; "" close; }
                upstream monitor {
                    hash $route consistent;
            {{servers}}    }
                server {
                    listen 127.0.0.1:{{port}} ssl;
                    ssl_certificate {{folder}}/cert.pem;
                    ssl_certificate_key {{folder}}/key.pem;
                    location / {
                        proxy_pass http://monitor;
                        proxy_http_version 1.1;
                        proxy_set_header Upgrade $http_upgrade;
                        proxy_set_header Connection $connection_upgrade;
                        proxy_set_header Host $http_host;
                        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                        proxy_set_header X-Forwarded-Proto $scheme;
                        proxy_set_header X-Forwarded-Host $http_host;
                        proxy_next_upstream error timeout;
                        # The sign-in answer sets a cookie with IAM's tokens: larger than nginx's default 4k buffer
                        # (the chart sets ingress-nginx's proxy-buffer-size for the same reason).
                        proxy_buffer_size 32k;
                        proxy_buffers 8 32k;
                        proxy_connect_timeout 2s;
                        proxy_read_timeout 1h;
                        add_header Set-Cookie "{{RouteCookie}}=$route; Path=/; Secure; HttpOnly; SameSite=Lax" always;
                    }
                }
            }
            """;
    }

    private static void WriteThrowawayCertificate(string folder)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(
            DateTimeOffset.UtcNow.AddDays(-1),
            DateTimeOffset.UtcNow.AddDays(2)
        );
        File.WriteAllText(Path.Combine(folder, "cert.pem"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(folder, "key.pem"), key.ExportPkcs8PrivateKeyPem());
    }

    public async ValueTask DisposeAsync()
    {
        if (!_nginx.HasExited)
        {
            _nginx.Kill(entireProcessTree: true);
            await _nginx.WaitForExitAsync();
        }

        _nginx.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
