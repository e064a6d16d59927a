using System.Collections.Concurrent;

namespace Blind32.HedgeMaze.Tracking;

public sealed record VisitorScope(string TicketId, string Entrance);

/// <summary>
/// Ambient context for the visitor whose RFID wristband event is being
/// processed, so log lines written deep in the routing code can name the
/// visitor without passing the ticket through every call.
/// </summary>
public static class VisitorContext
{
    private static readonly AsyncLocal<VisitorScope?> s_current = new();

    public static VisitorScope? Current => s_current.Value;

    public static IDisposable Begin(VisitorScope scope)
    {
        var previous = s_current.Value;
        s_current.Value = scope;
        return new Restore(previous);
    }

    private sealed class Restore : IDisposable
    {
        private readonly VisitorScope? _previous;

        public Restore(VisitorScope? previous) => _previous = previous;

        public void Dispose() => s_current.Value = _previous;
    }
}

/// <summary>Log sink shared by all wristband processing.</summary>
public sealed class MazeLog
{
    private readonly ConcurrentQueue<string> _lines = new();

    public void Write(string message)
    {
        var visitor = VisitorContext.Current;
        var prefix = visitor is null ? "[system]" : $"[{visitor.TicketId}@{visitor.Entrance}]";
        _lines.Enqueue($"{DateTimeOffset.UtcNow:HH:mm:ss} {prefix} {message}");
    }

    public IReadOnlyCollection<string> Lines => _lines.ToArray();
}

/// <summary>Processes wristband checkpoint events as they arrive from the readers.</summary>
public sealed class CheckpointProcessor
{
    private readonly MazeLog _log;
    private readonly ConcurrentDictionary<string, int> _checkpointsReached = new();

    public CheckpointProcessor(MazeLog log) => _log = log;

    public Task ProcessAllAsync(IEnumerable<(string Ticket, string Entrance, int Checkpoint)> events) =>
        Task.WhenAll(events.Select(e => Task.Run(() => ProcessAsync(e.Ticket, e.Entrance, e.Checkpoint))));

    private async Task ProcessAsync(string ticket, string entrance, int checkpoint)
    {
        using (VisitorContext.Begin(new VisitorScope(ticket, entrance)))
        {
            _log.Write($"reached checkpoint {checkpoint}");
            await Task.Delay(10).ConfigureAwait(false);

            var reached = _checkpointsReached.AddOrUpdate(ticket, 1, static (_, n) => n + 1);
            if (reached == 12)
                _log.Write("found the centre of the maze");
        }
    }

    public int CheckpointsFor(string ticket) => _checkpointsReached.TryGetValue(ticket, out var n) ? n : 0;
}
