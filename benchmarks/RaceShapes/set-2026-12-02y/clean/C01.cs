namespace Lighthouse.Rotation;

public sealed record LampEvent(DateTimeOffset At, string Source, string Message);

/// <summary>
/// Event log for the lamp room. The lens drive, the fog signal and the keeper
/// console each append from their own thread. Full pages are moved to the
/// archive, which the morning report drains.
/// </summary>
public sealed class LampRoomLog
{
    private readonly object _gate = new();
    private readonly int _pageSize;
    private List<LampEvent> _page;
    private readonly Queue<List<LampEvent>> _archive = new();

    public LampRoomLog(int pageSize = 128)
    {
        _pageSize = pageSize;
        _page = new List<LampEvent>(pageSize);
    }

    public void Append(string source, string message)
    {
        var evt = new LampEvent(DateTimeOffset.UtcNow, source, message);
        lock (_gate)
        {
            _page.Add(evt);
            if (_page.Count >= _pageSize)
            {
                _archive.Enqueue(_page);
                _page = new List<LampEvent>(_pageSize);
            }
        }
    }

    public IReadOnlyList<LampEvent> CurrentPage()
    {
        lock (_gate)
        {
            return _page.ToArray();
        }
    }

    public int ArchivedPages
    {
        get
        {
            lock (_gate) return _archive.Count;
        }
    }

    /// <summary>Takes every archived page out of the log and hands it to the report writer.</summary>
    public int DrainArchive(Action<IReadOnlyList<LampEvent>> writePage)
    {
        List<List<LampEvent>> pages;
        lock (_gate)
        {
            pages = new List<List<LampEvent>>(_archive);
            _archive.Clear();
        }

        foreach (var page in pages)
        {
            writePage(page);
        }
        return pages.Count;
    }
}

public static class LampRoomFeeds
{
    public static Task[] StartAll(LampRoomLog log, CancellationToken ct) => new[]
    {
        Task.Run(async () =>
        {
            while (!ct.IsCancellationRequested)
            {
                log.Append("lens", "rotation 1 rev / 20 s");
                await Task.Delay(200, ct).ConfigureAwait(false);
            }
        }, ct),
        Task.Run(async () =>
        {
            while (!ct.IsCancellationRequested)
            {
                log.Append("fog", "horn sounded");
                await Task.Delay(300, ct).ConfigureAwait(false);
            }
        }, ct),
    };
}
