using System.Text;

namespace Blind56.ModelRailway.RunningOrder;

public readonly record struct ScheduleEdit(int Position, int DeleteCount, string Insert, string OperatorId);

/// <summary>
/// The exhibition's shared running-order sheet (which layout runs which train when),
/// edited concurrently by the layout operators from their tablets.
/// </summary>
public sealed class RunningOrderDocument
{
    private readonly object _sync = new();
    private readonly List<ScheduleEdit> _history = new();
    private readonly StringBuilder _text = new();

    public int Revision
    {
        get { lock (_sync) { return _history.Count; } }
    }

    public string Snapshot()
    {
        lock (_sync)
        {
            return _text.ToString();
        }
    }

    public (int Revision, ScheduleEdit Applied) Submit(int baseRevision, ScheduleEdit edit)
    {
        lock (_sync)
        {
            if (baseRevision < 0 || baseRevision > _history.Count)
            {
                throw new ArgumentOutOfRangeException(nameof(baseRevision));
            }

            var transformed = edit;
            for (int i = baseRevision; i < _history.Count; i++)
            {
                transformed = Transform(transformed, _history[i]);
            }

            int position = Math.Clamp(transformed.Position, 0, _text.Length);
            int deleteCount = Math.Clamp(transformed.DeleteCount, 0, _text.Length - position);
            _text.Remove(position, deleteCount).Insert(position, transformed.Insert);
            transformed = transformed with { Position = position, DeleteCount = deleteCount };
            _history.Add(transformed);
            return (_history.Count, transformed);
        }
    }

    /// <summary>Returns a copy of the edits after the given revision.</summary>
    public IReadOnlyList<ScheduleEdit> GetEditsSince(int revision)
    {
        lock (_sync)
        {
            int from = Math.Clamp(revision, 0, _history.Count);
            return _history.GetRange(from, _history.Count - from);
        }
    }

    private static ScheduleEdit Transform(ScheduleEdit incoming, ScheduleEdit applied)
    {
        int appliedEnd = applied.Position + applied.DeleteCount;
        if (incoming.Position < applied.Position)
        {
            return incoming;
        }

        if (incoming.Position >= appliedEnd)
        {
            return incoming with { Position = incoming.Position + applied.Insert.Length - applied.DeleteCount };
        }

        return incoming with { Position = applied.Position + applied.Insert.Length };
    }
}

/// <summary>Sends other operators' edits to one tablet.</summary>
public sealed class OperatorTabletSession
{
    private readonly RunningOrderDocument _document;
    private readonly Func<ScheduleEdit, CancellationToken, Task> _send;
    private int _lastSent;

    public OperatorTabletSession(RunningOrderDocument document, Func<ScheduleEdit, CancellationToken, Task> send)
    {
        _document = document;
        _send = send;
    }

    public async Task RunAsync(TimeSpan pollInterval, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(pollInterval);
        while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
        {
            foreach (var edit in _document.GetEditsSince(_lastSent))
            {
                await _send(edit, ct).ConfigureAwait(false);
                _lastSent++;
            }
        }
    }
}
