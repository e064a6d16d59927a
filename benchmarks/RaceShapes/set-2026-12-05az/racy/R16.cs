using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Blind52.DogSled.Standings;

public sealed record CheckpointPassage(int Bib, string Checkpoint, DateTimeOffset At, int DogsInHarness);

public interface ISplitCalculator
{
    Task<TimeSpan> ComputeElapsedAsync(CheckpointPassage passage);
}

/// <summary>
/// Receives passages from the checkpoint stations' RFID mats. Each station has
/// its own reader task, and each raises <see cref="Passed"/> from that task.
/// </summary>
public sealed class CheckpointFeed
{
    public event EventHandler<CheckpointPassage>? Passed;

    public Task RunStationsAsync(IEnumerable<Func<CancellationToken, Task<CheckpointPassage?>>> stations, CancellationToken ct)
    {
        var readers = stations.Select(read => Task.Run(async () =>
        {
            while (!ct.IsCancellationRequested)
            {
                var passage = await read(ct).ConfigureAwait(false);
                if (passage is not null)
                {
                    Passed?.Invoke(this, passage);
                }
            }
        }, ct));

        return Task.WhenAll(readers);
    }
}

/// <summary>
/// Keeps the live standings for the event website.
/// </summary>
public sealed class StandingsBoard
{
    private readonly object _sync = new();
    private readonly Dictionary<int, (string Checkpoint, TimeSpan Elapsed)> _latestSplits = new();
    private readonly ISplitCalculator _splits;
    private long _passagesSeen;

    public StandingsBoard(CheckpointFeed feed, ISplitCalculator splits)
    {
        _splits = splits;
        feed.Passed += OnPassed;
    }

    private async void OnPassed(object? sender, CheckpointPassage passage)
    {
        try
        {
            var elapsed = await _splits.ComputeElapsedAsync(passage).ConfigureAwait(false);
            _latestSplits[passage.Bib] = (passage.Checkpoint, elapsed);
            lock (_sync)
            {
                _passagesSeen++;
            }
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"Could not place bib {passage.Bib}: {ex.Message}");
        }
    }

    public long PassagesSeen
    {
        get { lock (_sync) return _passagesSeen; }
    }

    public IReadOnlyList<string> Top(int count)
    {
        lock (_sync)
        {
            return _latestSplits
                .OrderBy(kv => kv.Value.Elapsed)
                .Take(count)
                .Select((kv, i) => $"{i + 1}. Bib {kv.Key} at {kv.Value.Checkpoint} ({kv.Value.Elapsed:hh\\:mm\\:ss})")
                .ToList();
        }
    }
}
