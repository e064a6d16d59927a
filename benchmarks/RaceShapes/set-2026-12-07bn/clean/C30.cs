using System.Collections.Concurrent;

namespace Blind66.CanalLocks.Passages;

public enum Direction
{
    Upstream,
    Downstream,
}

public sealed record BoatPassage(string BoatName, Direction Direction, int LengthFeet, DateTimeOffset At);

public sealed record PassageSummary(int Upstream, int Downstream, int LongestFeet, string? BusiestHour);

/// <summary>
/// Logs boats passing through the lock flight. The gate sensors on each chamber hand passages
/// over to a single logging thread, which writes the passage log and builds the day summary.
/// </summary>
public sealed class PassageLogger : IDisposable
{
    private readonly BlockingCollection<BoatPassage> _queue = new(boundedCapacity: 500);
    private readonly TextWriter _log;
    private readonly Task<PassageSummary> _consumer;

    public PassageLogger(TextWriter log)
    {
        _log = log;
        _consumer = Task.Factory.StartNew(Consume, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Called by the chamber gate sensors.</summary>
    public bool TryRecord(BoatPassage passage)
    {
        try
        {
            return _queue.TryAdd(passage, TimeSpan.FromMilliseconds(200));
        }
        catch (InvalidOperationException)
        {
            // Logger already closed for the day.
            return false;
        }
    }

    /// <summary>Stops accepting passages, waits for the log to drain and returns the day's summary.</summary>
    public Task<PassageSummary> CloseAsync()
    {
        _queue.CompleteAdding();
        return _consumer;
    }

    private PassageSummary Consume()
    {
        var up = 0;
        var down = 0;
        var longest = 0;
        var perHour = new Dictionary<int, int>();

        foreach (var passage in _queue.GetConsumingEnumerable())
        {
            _log.WriteLine($"{passage.At:HH:mm} {passage.Direction,-10} {passage.BoatName} ({passage.LengthFeet} ft)");
            if (passage.Direction == Direction.Upstream)
            {
                up++;
            }
            else
            {
                down++;
            }

            longest = Math.Max(longest, passage.LengthFeet);
            perHour[passage.At.Hour] = perHour.GetValueOrDefault(passage.At.Hour) + 1;
        }

        _log.Flush();
        var busiest = perHour.Count == 0 ? null : $"{perHour.MaxBy(kv => kv.Value).Key:00}:00";
        return new PassageSummary(up, down, longest, busiest);
    }

    public void Dispose()
    {
        _queue.CompleteAdding();
        _consumer.Wait();
        _queue.Dispose();
    }
}
