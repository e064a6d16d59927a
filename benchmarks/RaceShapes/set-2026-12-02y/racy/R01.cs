namespace Lighthouse.KeeperLogs;

public sealed record LogEntry(DateTimeOffset At, string Keeper, string Text);

/// <summary>
/// Watch log for a single light station. One instance is shared by the lamp monitor,
/// the radio relay and the keeper console; each of them appends from its own thread.
/// Full pages are rotated into the archive, which the nightly export reads.
/// </summary>
public sealed class WatchLog
{
    private List<LogEntry> _page = new();
    private readonly List<List<LogEntry>> _archive = new();
    private readonly object _archiveGate = new();
    private readonly int _pageSize;

    public WatchLog(int pageSize = 200)
    {
        if (pageSize <= 0) throw new ArgumentOutOfRangeException(nameof(pageSize));
        _pageSize = pageSize;
    }

    public void Append(string keeper, string text)
    {
        var entry = new LogEntry(DateTimeOffset.UtcNow, keeper, text);
        bool full;
        lock (_page)
        {
            _page.Add(entry);
            full = _page.Count >= _pageSize;
        }

        if (full)
        {
            RotatePage();
        }
    }

    public IReadOnlyList<LogEntry> CurrentPage()
    {
        lock (_page)
        {
            return _page.ToArray();
        }
    }

    private void RotatePage()
    {
        List<LogEntry> finished;
        lock (_page)
        {
            if (_page.Count < _pageSize)
            {
                return;
            }

            finished = _page;
            _page = new List<LogEntry>(_pageSize);
        }

        lock (_archiveGate)
        {
            _archive.Add(finished);
        }
    }

    /// <summary>Writes every archived page to the export sink, oldest first.</summary>
    public int ExportArchive(Action<LogEntry> sink)
    {
        int written = 0;
        lock (_archiveGate)
        {
            foreach (var page in _archive)
            {
                foreach (var entry in page)
                {
                    sink(entry);
                    written++;
                }
            }
            _archive.Clear();
        }
        return written;
    }
}

public static class WatchLogFeeds
{
    public static Task RunLampMonitorAsync(WatchLog log, CancellationToken ct) =>
        Task.Run(async () =>
        {
            while (!ct.IsCancellationRequested)
            {
                log.Append("lamp", "rotation nominal");
                await Task.Delay(250, ct).ConfigureAwait(false);
            }
        }, ct);

    public static Task RunRadioRelayAsync(WatchLog log, CancellationToken ct) =>
        Task.Run(async () =>
        {
            int n = 0;
            while (!ct.IsCancellationRequested)
            {
                log.Append("radio", $"traffic check {n++}");
                await Task.Delay(400, ct).ConfigureAwait(false);
            }
        }, ct);
}
