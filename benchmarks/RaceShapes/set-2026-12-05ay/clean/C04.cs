using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Blind51.HarbourPilots.Tides;

public sealed record TideQuery(int Id, string Station, DateTimeOffset At);
public sealed record TideAnswer(int Id, double HeightMetres);

/// <summary>
/// A duplex connection to the port's tide gauge server.
/// </summary>
public interface ITideGaugeConnection
{
    ValueTask SendAsync(TideQuery query, CancellationToken cancellationToken);
    IAsyncEnumerable<TideAnswer> ReceiveAllAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Lets many pilotage planners query tide heights over one gauge connection. Queries are
/// numbered, queued to a single sender loop, and answers are matched by number on the
/// receive loop. Shared by all planners in the pilot station.
/// </summary>
public sealed class TideGaugeClient : IAsyncDisposable
{
    private readonly ITideGaugeConnection _connection;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<double>> _waiting = new();
    private readonly Channel<TideQuery> _outgoing = Channel.CreateBounded<TideQuery>(new BoundedChannelOptions(64) { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sendLoop;
    private readonly Task _receiveLoop;
    private int _nextId;

    public TideGaugeClient(ITideGaugeConnection connection)
    {
        _connection = connection;
        _sendLoop = Task.Run(SendLoopAsync);
        _receiveLoop = Task.Run(ReceiveLoopAsync);
    }

    public async Task<double> HeightAtAsync(string station, DateTimeOffset at, CancellationToken cancellationToken)
    {
        int id = Interlocked.Increment(ref _nextId);
        var tcs = new TaskCompletionSource<double>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[id] = tcs;

        await using var registration = cancellationToken.Register(static state =>
        {
            var (self, queryId, token) = ((TideGaugeClient, int, CancellationToken))state!;
            if (self._waiting.TryRemove(queryId, out var pending))
                pending.TrySetCanceled(token);
        }, (this, id, cancellationToken));

        await _outgoing.Writer.WriteAsync(new TideQuery(id, station, at), cancellationToken).ConfigureAwait(false);
        return await tcs.Task.ConfigureAwait(false);
    }

    private async Task SendLoopAsync()
    {
        await foreach (var query in _outgoing.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            await _connection.SendAsync(query, _stop.Token).ConfigureAwait(false);
    }

    private async Task ReceiveLoopAsync()
    {
        await foreach (var answer in _connection.ReceiveAllAsync(_stop.Token).ConfigureAwait(false))
        {
            if (_waiting.TryRemove(answer.Id, out var tcs))
                tcs.TrySetResult(answer.HeightMetres);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _outgoing.Writer.TryComplete();
        _stop.Cancel();
        try
        {
            await Task.WhenAll(_sendLoop, _receiveLoop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        foreach (var id in _waiting.Keys)
        {
            if (_waiting.TryRemove(id, out var tcs))
                tcs.TrySetException(new ObjectDisposedException(nameof(TideGaugeClient)));
        }
        _stop.Dispose();
    }
}
