using System.Collections.Immutable;
using System.Threading.Channels;

namespace Blind42.Woodturning.Programs;

public sealed record LatheProgram(string Path, DateTime ModifiedUtc, int ToolChanges, TimeSpan EstimatedRuntime);

/// <summary>
/// Keeps an index of the CNC lathe programs on the workshop share. File-system notifications
/// are queued and processed by one indexing loop; readers see the last published snapshot.
/// </summary>
public sealed class LatheProgramIndex : IAsyncDisposable
{
    private readonly FileSystemWatcher _watcher;
    private readonly Channel<string> _changes = Channel.CreateUnbounded<string>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });
    private readonly Task _indexer;
    private readonly Dictionary<string, LatheProgram> _working = new(StringComparer.OrdinalIgnoreCase);
    private ImmutableDictionary<string, LatheProgram> _published =
        ImmutableDictionary<string, LatheProgram>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase);

    public LatheProgramIndex(string directory)
    {
        foreach (var path in Directory.EnumerateFiles(directory, "*.nc"))
        {
            _changes.Writer.TryWrite(path);
        }

        _indexer = Task.Run(IndexLoopAsync);

        _watcher = new FileSystemWatcher(directory, "*.nc");
        _watcher.Changed += (_, e) => _changes.Writer.TryWrite(e.FullPath);
        _watcher.Created += (_, e) => _changes.Writer.TryWrite(e.FullPath);
        _watcher.Deleted += (_, e) => _changes.Writer.TryWrite(e.FullPath);
        _watcher.Renamed += (_, e) =>
        {
            _changes.Writer.TryWrite(e.OldFullPath);
            _changes.Writer.TryWrite(e.FullPath);
        };
        _watcher.EnableRaisingEvents = true;
    }

    public IReadOnlyDictionary<string, LatheProgram> Programs => Volatile.Read(ref _published);

    private async Task IndexLoopAsync()
    {
        var reader = _changes.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var path))
            {
                if (File.Exists(path))
                {
                    _working[path] = Parse(path);
                }
                else
                {
                    _working.Remove(path);
                }
            }

            Volatile.Write(ref _published, _working.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase));
        }
    }

    private static LatheProgram Parse(string path)
    {
        try
        {
            var lines = File.ReadAllLines(path);
            var toolChanges = lines.Count(l => l.StartsWith("T", StringComparison.OrdinalIgnoreCase));
            return new LatheProgram(path, File.GetLastWriteTimeUtc(path), toolChanges, TimeSpan.FromSeconds(lines.Length * 0.4));
        }
        catch (IOException)
        {
            return new LatheProgram(path, DateTime.MinValue, 0, TimeSpan.Zero);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _watcher.EnableRaisingEvents = false;
        _watcher.Dispose();
        _changes.Writer.TryComplete();
        await _indexer.ConfigureAwait(false);
    }
}
