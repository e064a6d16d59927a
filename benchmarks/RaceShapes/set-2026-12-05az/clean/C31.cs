using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Blind52.Planetarium.Cues;

public sealed record ShowCue(string ShowId, int CueNumber, string Action, double AtSeconds);

/// <summary>
/// A projection or lighting console connected to the show controller over a
/// TCP stream.
/// </summary>
public sealed class ConsoleConnection : IAsyncDisposable
{
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly Stream _stream;
    private bool _closed;

    public ConsoleConnection(string id, Stream stream)
    {
        Id = id;
        _stream = stream;
    }

    public string Id { get; }

    public async Task<bool> SendAsync(ReadOnlyMemory<byte> payload, CancellationToken ct)
    {
        await _sendLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_closed)
            {
                return false;
            }

            await _stream.WriteAsync(payload, ct).ConfigureAwait(false);
            await _stream.FlushAsync(ct).ConfigureAwait(false);
            return true;
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _sendLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }
}

/// <summary>
/// Broadcasts show cues to every connected console. Consoles connect and
/// disconnect at any time, including in the middle of a broadcast.
/// </summary>
public sealed class ShowCueHub
{
    private readonly ConcurrentDictionary<string, ConsoleConnection> _connections = new();

    public int ConnectedCount => _connections.Count;

    public void Connect(ConsoleConnection connection) => _connections[connection.Id] = connection;

    public async Task DisconnectAsync(string id)
    {
        if (_connections.TryRemove(id, out var connection))
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async Task<int> BroadcastAsync(ShowCue cue, CancellationToken ct)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(cue);
        var targets = _connections.Values.ToArray();
        var results = await Task.WhenAll(targets.Select(c => SendOrDropAsync(c, payload, ct))).ConfigureAwait(false);
        return results.Count(ok => ok);
    }

    private async Task<bool> SendOrDropAsync(ConsoleConnection connection, byte[] payload, CancellationToken ct)
    {
        try
        {
            return await connection.SendAsync(payload, ct).ConfigureAwait(false);
        }
        catch (IOException)
        {
            await DisconnectAsync(connection.Id).ConfigureAwait(false);
            return false;
        }
    }
}
