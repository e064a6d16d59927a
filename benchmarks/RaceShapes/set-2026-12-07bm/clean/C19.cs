using System.Collections.Generic;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;

namespace Blind65.CheeseCaves.Affinage;

public sealed record WheelTurned(string WheelId, int Shelf, DateTimeOffset At);

/// <summary>
/// Keeps the turning history for every wheel in the cave. Turn events are
/// posted from the handheld scanners; the service applies them and compacts
/// old history on a timer.
/// </summary>
public sealed class TurningLedgerService : BackgroundService
{
    private readonly Channel<object> _inbox = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<string, List<DateTimeOffset>> _history = new();
    private readonly TimeSpan _retention;

    public TurningLedgerService(TimeSpan retention) => _retention = retention;

    public void Post(WheelTurned turned) => _inbox.Writer.TryWrite(turned);

    public Task<int> CountTurnsAsync(string wheelId)
    {
        var query = new TurnCountQuery(wheelId, new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_inbox.Writer.TryWrite(query))
        {
            query.Reply.SetCanceled();
        }
        return query.Reply.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var compactionTimer = new PeriodicTimer(TimeSpan.FromMinutes(10));
        var tick = compactionTimer.WaitForNextTickAsync(stoppingToken).AsTask();
        var readable = _inbox.Reader.WaitToReadAsync(stoppingToken).AsTask();

        while (!stoppingToken.IsCancellationRequested)
        {
            var fired = await Task.WhenAny(tick, readable).ConfigureAwait(false);
            if (fired == tick)
            {
                if (!await tick.ConfigureAwait(false))
                {
                    break;
                }
                Compact(DateTimeOffset.UtcNow - _retention);
                tick = compactionTimer.WaitForNextTickAsync(stoppingToken).AsTask();
                continue;
            }

            if (!await readable.ConfigureAwait(false))
            {
                break;
            }
            while (_inbox.Reader.TryRead(out var message))
            {
                Apply(message);
            }
            readable = _inbox.Reader.WaitToReadAsync(stoppingToken).AsTask();
        }
    }

    private void Apply(object message)
    {
        switch (message)
        {
            case WheelTurned turned:
                if (!_history.TryGetValue(turned.WheelId, out var turns))
                {
                    turns = new List<DateTimeOffset>();
                    _history[turned.WheelId] = turns;
                }
                turns.Add(turned.At);
                break;
            case TurnCountQuery query:
                query.Reply.TrySetResult(_history.TryGetValue(query.WheelId, out var list) ? list.Count : 0);
                break;
        }
    }

    private void Compact(DateTimeOffset cutoff)
    {
        var emptied = new List<string>();
        foreach (var (wheel, turns) in _history)
        {
            turns.RemoveAll(at => at < cutoff);
            if (turns.Count == 0)
            {
                emptied.Add(wheel);
            }
        }
        foreach (var wheel in emptied)
        {
            _history.Remove(wheel);
        }
    }

    private sealed record TurnCountQuery(string WheelId, TaskCompletionSource<int> Reply);
}
