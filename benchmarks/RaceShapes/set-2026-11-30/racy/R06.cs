using System.Threading.Channels;

namespace Blind.R06;

/// <summary>
/// Writes CSV export chunks to disk. Every export worker owns its own writer;
/// chunk numbers are unique across the whole export.
/// </summary>
public sealed class ChunkWriter
{
    private static int _nextChunkNumber;
    private static readonly List<string> WrittenFiles = new();

    private readonly object _lock = new();
    private readonly string _directory;

    public ChunkWriter(string directory)
    {
        _directory = directory;
    }

    public string WriteChunk(IReadOnlyList<string[]> rows)
    {
        string path;
        lock (_lock)
        {
            _nextChunkNumber++;
            path = Path.Combine(_directory, $"export-{_nextChunkNumber:D5}.csv");
            WrittenFiles.Add(path);
        }

        File.WriteAllLines(path, rows.Select(r => string.Join(',', r)));
        return path;
    }

    public static string[] ListWrittenFiles()
    {
        lock (WrittenFiles)
        {
            return WrittenFiles.ToArray();
        }
    }
}

public static class ExportJob
{
    /// <summary>
    /// Drains the chunk channel with <paramref name="workers"/> parallel writers.
    /// </summary>
    public static async Task<string[]> RunAsync(
        ChannelReader<IReadOnlyList<string[]>> chunks, string directory, int workers, CancellationToken ct)
    {
        Directory.CreateDirectory(directory);

        var tasks = Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            var writer = new ChunkWriter(directory);
            await foreach (var chunk in chunks.ReadAllAsync(ct).ConfigureAwait(false))
            {
                writer.WriteChunk(chunk);
            }
        }, ct));

        await Task.WhenAll(tasks).ConfigureAwait(false);
        return ChunkWriter.ListWrittenFiles();
    }
}
