namespace Blind24.OrigamiCatalog;

public sealed class CatalogEntry
{
    public string Title { get; set; } = "";
    public string Artist { get; set; } = "";
    public int Creases { get; set; }
    public string? ThumbnailPath { get; set; }
}

public interface IThumbnailRenderer
{
    void BeginRender(string creasePatternPath, Action<string?, Exception?> completed);
}

/// <summary>
/// Wraps the callback-based crease-pattern renderer in a task so catalogue
/// entries can be prepared with async/await. The renderer invokes its callback on
/// its own worker thread.
/// </summary>
public sealed class ThumbnailService
{
    private readonly IThumbnailRenderer _renderer;

    public ThumbnailService(IThumbnailRenderer renderer) => _renderer = renderer;

    public Task<string?> RenderAsync(string creasePatternPath)
    {
        var tcs = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _renderer.BeginRender(creasePatternPath, (path, error) =>
        {
            if (error is not null)
            {
                tcs.TrySetException(error);
            }
            else
            {
                tcs.TrySetResult(path);
            }
        });
        return tcs.Task;
    }
}

/// <summary>Builds entries for the exhibition catalogue.</summary>
public sealed class CatalogEntryBuilder
{
    private readonly ThumbnailService _thumbnails;

    public CatalogEntryBuilder(ThumbnailService thumbnails) => _thumbnails = thumbnails;

    public async Task<CatalogEntry> BuildAsync(string title, string artist, string creasePatternPath)
    {
        var entry = new CatalogEntry { Title = title, Artist = artist };

        var renderTask = _thumbnails.RenderAsync(creasePatternPath);
        entry.Creases = await CountCreasesAsync(creasePatternPath).ConfigureAwait(false);
        entry.ThumbnailPath = await renderTask.ConfigureAwait(false);

        return entry;
    }

    private static async Task<int> CountCreasesAsync(string path)
    {
        int count = 0;
        using var reader = File.OpenText(path);
        string? line;
        while ((line = await reader.ReadLineAsync().ConfigureAwait(false)) is not null)
        {
            if (line.StartsWith("M ", StringComparison.Ordinal) || line.StartsWith("V ", StringComparison.Ordinal))
            {
                count++;
            }
        }

        return count;
    }

    public async Task<IReadOnlyList<CatalogEntry>> BuildAllAsync(IEnumerable<(string Title, string Artist, string Path)> pieces)
    {
        var tasks = pieces.Select(p => BuildAsync(p.Title, p.Artist, p.Path)).ToList();
        var entries = await Task.WhenAll(tasks).ConfigureAwait(false);
        return entries.OrderBy(e => e.Artist).ThenBy(e => e.Title).ToList();
    }
}
