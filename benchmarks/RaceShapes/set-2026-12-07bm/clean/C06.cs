using System.IO;
using System.Net.Sockets;
using System.Text;

namespace Blind65.ShipwreckDiving.Surface;

/// <summary>
/// Line-based link to the surface boat's logging receiver.
/// </summary>
public sealed class SurfaceLink : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly StreamWriter _writer;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private bool _closed;

    private SurfaceLink(TcpClient client)
    {
        _client = client;
        _writer = new StreamWriter(client.GetStream(), Encoding.ASCII) { AutoFlush = true };
    }

    public static async Task<SurfaceLink> ConnectAsync(string host, int port, CancellationToken token)
    {
        var client = new TcpClient();
        await client.ConnectAsync(host, port, token).ConfigureAwait(false);
        return new SurfaceLink(client);
    }

    public async Task WriteLineAsync(string line)
    {
        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_closed)
            {
                throw new ObjectDisposedException(nameof(SurfaceLink));
            }
            await _writer.WriteLineAsync(line).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_closed)
            {
                return;
            }
            _closed = true;
            await _writer.DisposeAsync().ConfigureAwait(false);
            _client.Dispose();
        }
        finally
        {
            _writeLock.Release();
        }
    }
}

/// <summary>
/// Reports each diver's depth to the surface. Every diver feed calls
/// <see cref="ReportAsync"/> from its own task; the link is set up on first use.
/// </summary>
public sealed class DiverDepthReporter
{
    private readonly Lazy<Task<SurfaceLink>> _link;

    public DiverDepthReporter(string host, int port)
    {
        _link = new Lazy<Task<SurfaceLink>>(
            () => SurfaceLink.ConnectAsync(host, port, CancellationToken.None),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public async Task ReportAsync(string diverId, double depthMetres)
    {
        var link = await _link.Value.ConfigureAwait(false);
        await link.WriteLineAsync($"{DateTime.UtcNow:O},{diverId},{depthMetres:F1}").ConfigureAwait(false);
    }

    public async ValueTask CloseAsync()
    {
        if (_link.IsValueCreated)
        {
            var link = await _link.Value.ConfigureAwait(false);
            await link.DisposeAsync().ConfigureAwait(false);
        }
    }
}

public static class WreckDive
{
    public static Task RunAsync(DiverDepthReporter reporter, IEnumerable<string> divers, CancellationToken token) =>
        Task.WhenAll(divers.Select(diver => Task.Run(async () =>
        {
            for (var depth = 0.0; depth < 30 && !token.IsCancellationRequested; depth += 1.5)
            {
                await reporter.ReportAsync(diver, depth).ConfigureAwait(false);
                await Task.Delay(1000, token).ConfigureAwait(false);
            }
        }, token)));
}
