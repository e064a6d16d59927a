using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Blind52.Archery.Scoring;

public interface ITerminalConnection : IAsyncDisposable
{
    bool IsHealthy { get; }
    Task<string> QueryScoresAsync(int lane, CancellationToken ct);
}

/// <summary>
/// Pool of connections to the electronic target-face scoring terminals.
/// Registered as a singleton; every lane's score request handler borrows a
/// connection and gives it back when done.
/// </summary>
public sealed class ScoringTerminalPool : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Stack<ITerminalConnection> _idle = new();
    private readonly Func<CancellationToken, Task<ITerminalConnection>> _connect;
    private readonly int _maxConnections;
    private int _open;

    public ScoringTerminalPool(Func<CancellationToken, Task<ITerminalConnection>> connect, int maxConnections)
    {
        _connect = connect;
        _maxConnections = maxConnections;
    }

    public async Task<ITerminalConnection> AcquireAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            while (_idle.Count > 0)
            {
                var candidate = _idle.Pop();
                if (candidate.IsHealthy)
                {
                    return candidate;
                }

                _open--;
                await candidate.DisposeAsync().ConfigureAwait(false);
            }

            if (_open >= _maxConnections)
            {
                throw new InvalidOperationException("All scoring terminal connections are in use.");
            }

            var fresh = await _connect(ct).ConfigureAwait(false);
            _open++;
            return fresh;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Release(ITerminalConnection connection)
    {
        if (!connection.IsHealthy)
        {
            _ = DiscardAsync(connection);
            return;
        }

        _idle.Push(connection);
    }

    private async Task DiscardAsync(ITerminalConnection connection)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _open--;
        }
        finally
        {
            _gate.Release();
        }

        await connection.DisposeAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            while (_idle.Count > 0)
            {
                await _idle.Pop().DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}

/// <summary>
/// Handles "show my scores" requests from the lane tablets.
/// </summary>
public sealed class LaneScoreHandler
{
    private readonly ScoringTerminalPool _pool;

    public LaneScoreHandler(ScoringTerminalPool pool) => _pool = pool;

    public async Task<string> GetScoresAsync(int lane, CancellationToken ct)
    {
        var connection = await _pool.AcquireAsync(ct).ConfigureAwait(false);
        try
        {
            return await connection.QueryScoresAsync(lane, ct).ConfigureAwait(false);
        }
        finally
        {
            _pool.Release(connection);
        }
    }
}
