using System.Collections.Immutable;

namespace Blind26.Lighthouse.Schedule;

public sealed record LensTask(string Lighthouse, string Panel, DayOfWeek Day, string Crew);

public sealed record PolishingSchedule(DateTime LoadedAt, ImmutableArray<LensTask> Tasks)
{
    public IEnumerable<LensTask> For(DayOfWeek day) => Tasks.Where(t => t.Day == day);
}

/// <summary>
/// Serves the lens polishing rota from a CSV file that the maintenance office edits.
/// The file is watched and reloaded on change; request handlers read <see cref="Current"/>.
/// </summary>
public sealed class PolishingScheduleProvider : IDisposable
{
    private readonly string _path;
    private readonly FileSystemWatcher _watcher;
    private readonly object _reloadLock = new();
    private PolishingSchedule _current;

    public PolishingScheduleProvider(string path)
    {
        _path = Path.GetFullPath(path);
        _current = Load(_path);
        _watcher = new FileSystemWatcher(Path.GetDirectoryName(_path)!, Path.GetFileName(_path))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        _watcher.Changed += OnChanged;
        _watcher.EnableRaisingEvents = true;
    }

    public PolishingSchedule Current => Volatile.Read(ref _current);

    private void OnChanged(object sender, FileSystemEventArgs e)
    {
        lock (_reloadLock)
        {
            try
            {
                var next = Load(_path);
                Volatile.Write(ref _current, next);
            }
            catch (IOException)
            {
                // Editor still holds the file; the next change event retries.
            }
        }
    }

    private static PolishingSchedule Load(string path)
    {
        var builder = ImmutableArray.CreateBuilder<LensTask>();
        foreach (string line in File.ReadLines(path).Skip(1))
        {
            string[] parts = line.Split(',');
            if (parts.Length < 4 || !Enum.TryParse<DayOfWeek>(parts[2], true, out var day))
            {
                continue;
            }

            builder.Add(new LensTask(parts[0].Trim(), parts[1].Trim(), day, parts[3].Trim()));
        }

        return new PolishingSchedule(DateTime.UtcNow, builder.ToImmutable());
    }

    public void Dispose()
    {
        _watcher.EnableRaisingEvents = false;
        _watcher.Dispose();
    }
}
