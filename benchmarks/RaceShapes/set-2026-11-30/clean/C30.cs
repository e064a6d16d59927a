using System.Threading.Channels;

namespace Blind.C30;

/// <summary>
/// Writes report pages as individual JSON files. Each render worker owns its own
/// writer; page numbers are unique across the whole report.
/// </summary>
public sealed class PageWriter
{
    private static readonly object NumberingLock = new();
    private static int _nextPageNumber;
    private static readonly List<string> Written = new();

    private readonly string _directory;
    private int _pagesWrittenByThisWriter;

    public PageWriter(string directory)
    {
        _directory = directory;
    }

    public int PagesWrittenByThisWriter => _pagesWrittenByThisWriter;

    public string WritePage(string json)
    {
        string path;
        lock (NumberingLock)
        {
            _nextPageNumber++;
            path = Path.Combine(_directory, $"page-{_nextPageNumber:D4}.json");
            Written.Add(path);
        }

        File.WriteAllText(path, json);
        _pagesWrittenByThisWriter++;
        return path;
    }

    public static string[] ListWritten()
    {
        lock (NumberingLock)
        {
            return Written.ToArray();
        }
    }
}

public static class ReportJob
{
    public static async Task<string[]> RenderAsync(ChannelReader<string> pages, string directory, int workers, CancellationToken ct)
    {
        Directory.CreateDirectory(directory);

        var tasks = Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            var writer = new PageWriter(directory);
            await foreach (var page in pages.ReadAllAsync(ct).ConfigureAwait(false))
            {
                writer.WritePage(page);
            }
            return writer.PagesWrittenByThisWriter;
        }, ct));

        var perWorker = await Task.WhenAll(tasks).ConfigureAwait(false);
        return ReportJob.Summarize(perWorker);
    }

    private static string[] Summarize(int[] perWorker)
    {
        var files = PageWriter.ListWritten();
        return files.Append($"# {perWorker.Sum()} pages by {perWorker.Length} workers").ToArray();
    }
}
