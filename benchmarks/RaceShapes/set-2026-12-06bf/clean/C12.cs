using System.Text.Json;
using System.Timers;

namespace Blind58.JigsawCatalogue;

public sealed record PuzzleEntry(string Code, string Title, int Pieces, bool PiecesChecked);

/// <summary>
/// Catalogue document for the jigsaw puzzle library's volunteers. Volunteers edit entries
/// from the desk app; changes are autosaved every minute and can also be saved on demand.
/// </summary>
public sealed class CatalogueDocument : IDisposable
{
    private readonly object _docLock = new();
    private readonly SemaphoreSlim _saveGate = new(1, 1);
    private readonly Dictionary<string, PuzzleEntry> _entries = new(StringComparer.OrdinalIgnoreCase);
    private readonly System.Timers.Timer _autosave;
    private readonly string _path;
    private long _version;
    private long _savedVersion;
    private int _autosaveFailures;

    public CatalogueDocument(string path)
    {
        _path = path;
        _autosave = new System.Timers.Timer(TimeSpan.FromMinutes(1).TotalMilliseconds) { AutoReset = true };
        _autosave.Elapsed += OnAutosaveElapsed;
        _autosave.Start();
    }

    public int AutosaveFailures => Volatile.Read(ref _autosaveFailures);

    public bool IsDirty
    {
        get
        {
            lock (_docLock)
            {
                return _version != _savedVersion;
            }
        }
    }

    public void Upsert(PuzzleEntry entry)
    {
        lock (_docLock)
        {
            _entries[entry.Code] = entry;
            _version++;
        }
    }

    public bool Remove(string code)
    {
        lock (_docLock)
        {
            if (!_entries.Remove(code)) return false;
            _version++;
            return true;
        }
    }

    public async Task SaveAsync(CancellationToken cancellationToken = default)
    {
        await _saveGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            PuzzleEntry[] snapshot;
            long version;
            lock (_docLock)
            {
                if (_version == _savedVersion) return;
                snapshot = _entries.Values.OrderBy(e => e.Code).ToArray();
                version = _version;
            }

            string tempPath = _path + ".tmp";
            await using (var stream = File.Create(tempPath))
            {
                await JsonSerializer.SerializeAsync(stream, snapshot, cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            File.Move(tempPath, _path, overwrite: true);

            lock (_docLock)
            {
                _savedVersion = Math.Max(_savedVersion, version);
            }
        }
        finally
        {
            _saveGate.Release();
        }
    }

    private async void OnAutosaveElapsed(object? sender, ElapsedEventArgs e)
    {
        try
        {
            await SaveAsync().ConfigureAwait(false);
        }
        catch (Exception)
        {
            Interlocked.Increment(ref _autosaveFailures);
        }
    }

    public void Dispose()
    {
        _autosave.Elapsed -= OnAutosaveElapsed;
        _autosave.Dispose();
    }
}
