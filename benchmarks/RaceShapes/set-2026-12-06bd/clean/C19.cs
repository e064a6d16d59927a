using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Blind56.Radio.Streaming;

/// <summary>
/// Holds the TLS certificate used by the station's listener stream endpoint and
/// reloads it when the renewal job drops a new PEM pair on disk. The TLS handshake
/// callback reads Current on every new listener connection.
/// </summary>
public sealed class StreamCertificateProvider : IDisposable
{
    private readonly SemaphoreSlim _reloadGate = new(1, 1);
    private readonly string _certPath;
    private readonly string _keyPath;
    private X509Certificate2 _current;
    private DateTime _loadedFileTimeUtc;

    public StreamCertificateProvider(string certPath, string keyPath)
    {
        _certPath = certPath;
        _keyPath = keyPath;
        _current = X509Certificate2.CreateFromPemFile(certPath, keyPath);
        _loadedFileTimeUtc = File.GetLastWriteTimeUtc(certPath);
    }

    public X509Certificate2 Current => Volatile.Read(ref _current);

    public X509Certificate2 SelectForHandshake(object sender, string? hostName) => Current;

    public SslServerAuthenticationOptions CreateServerOptions() => new()
    {
        ServerCertificateSelectionCallback = (sender, host) => SelectForHandshake(sender, host),
        ClientCertificateRequired = false,
    };

    /// <summary>Returns true when a newer certificate was installed.</summary>
    public async Task<bool> ReloadIfChangedAsync(CancellationToken ct)
    {
        await _reloadGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            DateTime written = File.GetLastWriteTimeUtc(_certPath);
            if (written <= _loadedFileTimeUtc)
            {
                return false;
            }

            string certPem = await File.ReadAllTextAsync(_certPath, ct).ConfigureAwait(false);
            string keyPem = await File.ReadAllTextAsync(_keyPath, ct).ConfigureAwait(false);
            var fresh = X509Certificate2.CreateFromPem(certPem, keyPem);
            if (fresh.NotAfter <= DateTime.Now)
            {
                fresh.Dispose();
                return false;
            }

            Volatile.Write(ref _current, fresh);
            _loadedFileTimeUtc = written;
            return true;
        }
        finally
        {
            _reloadGate.Release();
        }
    }

    public async Task WatchAsync(TimeSpan interval, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
        {
            try
            {
                await ReloadIfChangedAsync(ct).ConfigureAwait(false);
            }
            catch (IOException)
            {
                // The renewal job may still be writing the files; try next tick.
            }
        }
    }

    public void Dispose() => _reloadGate.Dispose();
}
