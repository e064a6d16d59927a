namespace Blind50.Sourdough.FeedingSchedule;

public sealed record FeedingPlan(string StarterName, TimeSpan Interval, double FlourGrams, double WaterGrams);

/// <summary>
/// Reloads the club's shared feeding schedule when members edit schedule files, either in the
/// shared folder or in the per-member drop folder. Editors tend to write a file several times in
/// quick succession, so reloads are debounced: only the last change within the quiet period
/// triggers a reload.
/// </summary>
public sealed class FeedingScheduleWatcher : IDisposable
{
    private static readonly TimeSpan QuietPeriod = TimeSpan.FromMilliseconds(400);

    private readonly FileSystemWatcher[] _watchers;
    private readonly string[] _directories;
    private readonly Action<IReadOnlyList<FeedingPlan>> _onReloaded;
    private CancellationTokenSource? _debounceCts;

    public FeedingScheduleWatcher(string directory, string dropDirectory, Action<IReadOnlyList<FeedingPlan>> onReloaded)
    {
        _directories = new[] { directory, dropDirectory };
        _onReloaded = onReloaded;
        _watchers = _directories.Select(CreateWatcher).ToArray();
    }

    private FileSystemWatcher CreateWatcher(string path)
    {
        var watcher = new FileSystemWatcher(path, "*.feed")
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName,
        };
        watcher.Changed += OnFileEvent;
        watcher.Created += OnFileEvent;
        watcher.Deleted += OnFileEvent;
        watcher.Renamed += OnFileEvent;
        watcher.EnableRaisingEvents = true;
        return watcher;
    }

    private void OnFileEvent(object sender, FileSystemEventArgs e)
    {
        _debounceCts?.Cancel();
        var cts = new CancellationTokenSource();
        _debounceCts = cts;
        _ = ReloadAfterQuietPeriodAsync(cts.Token);
    }

    private async Task ReloadAfterQuietPeriodAsync(CancellationToken token)
    {
        try
        {
            await Task.Delay(QuietPeriod, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        var plans = new List<FeedingPlan>();
        foreach (var file in _directories.SelectMany(d => Directory.EnumerateFiles(d, "*.feed")))
        {
            foreach (var line in File.ReadLines(file))
            {
                var p = line.Split(',');
                if (p.Length == 4)
                {
                    plans.Add(new FeedingPlan(p[0], TimeSpan.FromHours(double.Parse(p[1])),
                        double.Parse(p[2]), double.Parse(p[3])));
                }
            }
        }

        _onReloaded(plans);
    }

    public void Dispose()
    {
        foreach (var watcher in _watchers)
        {
            watcher.Dispose();
        }

        _debounceCts?.Cancel();
    }
}

/// <summary>Posts reminders to the club chat when the schedule changes.</summary>
public sealed class FeedingReminderBoard
{
    private IReadOnlyList<FeedingPlan> _plans = Array.Empty<FeedingPlan>();

    public void Apply(IReadOnlyList<FeedingPlan> plans) => Volatile.Write(ref _plans, plans);

    public IEnumerable<string> DueBy(DateTime lastFedUtc, DateTime nowUtc) =>
        Volatile.Read(ref _plans)
            .Where(p => lastFedUtc + p.Interval <= nowUtc)
            .Select(p => $"{p.StarterName}: {p.FlourGrams}g flour + {p.WaterGrams}g water");
}
