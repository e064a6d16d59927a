using System.Text.Json;

namespace Blind57.PotteryStudio.Kilns;

public sealed record KilnFiring(string Kiln, DateTime Start, string Programme, int PeakCelsius);
public sealed record KilnSchedule(IReadOnlyList<KilnFiring> Firings);

/// <summary>
/// Watches the kiln firing schedule that studio members edit from the shared drive and reloads it
/// once edits have settled. Change notifications arrive on thread-pool threads.
/// </summary>
public sealed class KilnScheduleWatcher : IDisposable
{
    private readonly FileSystemWatcher _watcher;
    private readonly TimeSpan _quietPeriod;
    private readonly SemaphoreSlim _reloadLock = new(1, 1);
    private long _changeVersion;
    private KilnSchedule _current = new(Array.Empty<KilnFiring>());

    public KilnScheduleWatcher(string directory, TimeSpan quietPeriod)
    {
        _quietPeriod = quietPeriod;
        _watcher = new FileSystemWatcher(directory, "kilns.json");
        _watcher.Changed += OnChanged;
        _watcher.Created += OnChanged;
        _watcher.Renamed += OnChanged;
        _watcher.EnableRaisingEvents = true;
    }

    public KilnSchedule Current => Volatile.Read(ref _current);

    public event Action<KilnSchedule>? ScheduleChanged;

    private void OnChanged(object sender, FileSystemEventArgs e)
    {
        long version = Interlocked.Increment(ref _changeVersion);
        _ = ReloadWhenQuietAsync(e.FullPath, version);
    }

    private async Task ReloadWhenQuietAsync(string path, long version)
    {
        await Task.Delay(_quietPeriod).ConfigureAwait(false);

        // A later change restarts the quiet period; only the newest notification reloads.
        if (Interlocked.Read(ref _changeVersion) != version)
        {
            return;
        }

        await _reloadLock.WaitAsync().ConfigureAwait(false);
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var schedule = await JsonSerializer.DeserializeAsync<KilnSchedule>(stream).ConfigureAwait(false);
            if (schedule is null) return;

            Volatile.Write(ref _current, schedule);
            Volatile.Read(ref ScheduleChanged)?.Invoke(schedule);
        }
        catch (Exception ex) when (ex is IOException or JsonException)
        {
            // Someone is still saving; their next write raises another change.
        }
        finally
        {
            _reloadLock.Release();
        }
    }

    public void Dispose()
    {
        _watcher.EnableRaisingEvents = false;
        _watcher.Dispose();
    }
}
