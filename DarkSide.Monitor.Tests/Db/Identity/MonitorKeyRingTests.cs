using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DarkSide.Monitor.Demo;
using DarkSide.Monitor.Store;
using DarkSide.Monitor.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DarkSide.Monitor.Tests.Db.Identity;

/// <summary>
/// The data-protection key ring in the monitor's schema: every replica opens what another protected; with a
/// certificate configured the stored keys are encrypted, and a replica without it opens nothing.
/// </summary>
[Trait("Kind", "Db")]
public sealed class MonitorKeyRingTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("darkside-keyring-").FullName;
    private PandaTestDatabase _db = null!;

    private string CertificatePath => Path.Combine(_folder, "tls.crt");

    private string KeyPath => Path.Combine(_folder, "tls.key");

    public async Task InitializeAsync()
    {
        _db = await PandaTestDatabase.CreateAsync(new DemoSettings(37, 1, 50, PandaTestDatabase.SeededAtUtc));
        await UsageRollupHarness.MigrateAsync(_db);
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(
            "CN=darkside-monitor key ring",
            key,
            HashAlgorithmName.SHA256,
            RSASignaturePadding.Pkcs1
        );
        using var certificate = request.CreateSelfSigned(
            DateTimeOffset.UtcNow.AddDays(-1),
            DateTimeOffset.UtcNow.AddYears(1)
        );
        await File.WriteAllTextAsync(CertificatePath, certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(KeyPath, key.ExportPkcs8PrivateKeyPem());
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>One replica's data protection, wired as the app wires it.</summary>
    private ServiceProvider Replica(bool withCertificate)
    {
        var settings = new Dictionary<string, string?>();
        if (withCertificate)
        {
            settings["MonitorStore:KeyRingCertificatePath"] = CertificatePath;
            settings["MonitorStore:KeyRingKeyPath"] = KeyPath;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton(new MonitorDatabase(_db.Admin));
        services.Configure<MonitorStoreOptions>(configuration.GetSection(MonitorStoreOptions.SectionName));
        services.AddMonitorKeyRing(configuration);
        return services.BuildServiceProvider();
    }

    private static IDataProtector Protector(ServiceProvider replica) =>
        replica.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");

    private Task<List<string>> StoredKeysAsync() =>
        _db.ColumnAsync<string>("SELECT xml FROM darkside_monitor.data_protection_keys ORDER BY id");

    [Fact]
    public async Task WithoutACertificate_ReplicasShareOneKeyRing_StoredReadably()
    {
        using var first = Replica(withCertificate: false);
        using var second = Replica(withCertificate: false);

        var payload = Protector(first).Protect("session");

        Assert.Equal("session", Protector(second).Unprotect(payload));
        var stored = Assert.Single(await StoredKeysAsync());
        Assert.Contains("<masterKey", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("EncryptedData", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithACertificate_TheStoredKeysAreEncrypted_AndOnlyReplicasWithItOpenThem()
    {
        using var first = Replica(withCertificate: true);
        using var second = Replica(withCertificate: true);
        using var without = Replica(withCertificate: false);

        var payload = Protector(first).Protect("session");
        var stored = Assert.Single(await StoredKeysAsync());

        Assert.Equal("session", Protector(second).Unprotect(payload));
        Assert.Contains("EncryptedData", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", stored, StringComparison.Ordinal);
        // A replica started without the certificate cannot read the key, so nothing protected with it opens there.
        Assert.ThrowsAny<CryptographicException>(() => Protector(without).Unprotect(payload));
    }

    [Fact]
    public void AnUnusableCertificate_IsNamed_WithWhatIsExpected()
    {
        MonitorKeyRingExtensions.LoadCertificate(CertificatePath, "", out var half);
        MonitorKeyRingExtensions.LoadCertificate(Path.Combine(_folder, "missing.crt"), KeyPath, out var missing);
        using var loaded = MonitorKeyRingExtensions.LoadCertificate(CertificatePath, KeyPath, out var none);

        Assert.Equal(
            "MonitorStore:KeyRingCertificatePath and MonitorStore:KeyRingKeyPath go together; expected both "
                + "(a PEM certificate and its private key) or neither.",
            half
        );
        Assert.StartsWith($"MonitorStore:KeyRingCertificatePath '{Path.Combine(_folder, "missing.crt")}'", missing);
        Assert.EndsWith(
            "Expected a readable PEM certificate and its PEM private key.",
            missing,
            StringComparison.Ordinal
        );
        Assert.NotNull(loaded);
        Assert.Null(none);
    }
}
