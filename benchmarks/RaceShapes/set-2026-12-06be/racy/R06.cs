using System.Text.Json;

namespace Blind57.Planetarium.Shows;

public sealed record ShowSlot(string Title, TimeOnly Starts, int Seats);
public sealed record ShowSchedule(DateOnly Day, IReadOnlyList<ShowSlot> Slots);

/// <summary>
/// Watches the dome's show schedule file, which the programme team edit over a network share,
/// and reloads it once the file has stopped changing for a moment.
/// </summary>
public sealed class ShowScheduleWatcher : IDisposable
{
    private readonly FileSystemWatcher _watcher;
    private readonly TimeSpan _quietPeriod;
    private CancellationTokenSource? _debounce;
    private ShowSchedule? _current;

    public ShowScheduleWatcher(string directory, TimeSpan quietPeriod)
    {
        _quietPeriod = quietPeriod;
        _watcher = new FileSystemWatcher(directory, "schedule.json")
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size,
        };
        _watcher.Changed += OnChanged;
        _watcher.Created += OnChanged;
        _watcher.EnableRaisingEvents = true;
    }

    public event Action<ShowSchedule>? ScheduleReloaded;

    public ShowSchedule? Current => Volatile.Read(ref _current);

    private async void OnChanged(object sender, FileSystemEventArgs e)
    {
        _debounce?.Cancel();
        var cts = new CancellationTokenSource();
        _debounce = cts;

        try
        {
            await Task.Delay(_quietPeriod, cts.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        if (_debounce == cts)
        {
            _debounce = null;
        }
        cts.Dispose();

        try
        {
            await using var stream = File.OpenRead(e.FullPath);
            var schedule = await JsonSerializer.DeserializeAsync<ShowSchedule>(stream);
            if (schedule is null)
            {
                return;
            }

            Volatile.Write(ref _current, schedule);
            Volatile.Read(ref ScheduleReloaded)?.Invoke(schedule);
        }
        catch (IOException)
        {
            // The editor still has the file locked; the next change event will retry.
        }
        catch (JsonException)
        {
            // Half-saved file; wait for the next write.
        }
    }

    public void Dispose()
    {
        _watcher.EnableRaisingEvents = false;
        _watcher.Dispose();
    }
}
