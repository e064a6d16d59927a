namespace Blind46.MountainHuts.Logbooks;

public sealed record LogbookPage(string Hut, int Year, IReadOnlyList<string> Entries);

public readonly record struct ScanProgress(int PagesDone, int PagesTotal, string LastHut);

/// <summary>
/// Command-line tool that scans digitised hut logbooks and counts overnight stays
/// per hut, reporting progress to the console as pages are processed.
/// </summary>
public sealed class LogbookScanner
{
    public IReadOnlyDictionary<string, int> Scan(IReadOnlyList<LogbookPage> pages, IProgress<ScanProgress> progress)
    {
        var staysPerHut = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var mergeLock = new object();
        int done = 0;

        Parallel.ForEach(
            pages,
            () => new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase),
            (page, _, local) =>
            {
                int stays = page.Entries.Count(e => e.Contains("overnight", StringComparison.OrdinalIgnoreCase));
                local[page.Hut] = local.GetValueOrDefault(page.Hut) + stays;

                int finished = Interlocked.Increment(ref done);
                if (finished % 50 == 0 || finished == pages.Count)
                    progress.Report(new ScanProgress(finished, pages.Count, page.Hut));
                return local;
            },
            local =>
            {
                lock (mergeLock)
                {
                    foreach (var (hut, stays) in local)
                        staysPerHut[hut] = staysPerHut.GetValueOrDefault(hut) + stays;
                }
            });

        return staysPerHut;
    }
}

/// <summary>Console progress display; reports may arrive from several worker threads.</summary>
public sealed class ConsoleProgressBar : IProgress<ScanProgress>
{
    private readonly object _lock = new();
    private int _highestReported;

    public void Report(ScanProgress value)
    {
        lock (_lock)
        {
            if (value.PagesDone <= _highestReported)
                return;
            _highestReported = value.PagesDone;

            int width = 40;
            int filled = value.PagesTotal == 0 ? width : width * value.PagesDone / value.PagesTotal;
            Console.Write($"\r[{new string('#', filled)}{new string('.', width - filled)}] {value.PagesDone}/{value.PagesTotal} {value.LastHut,-20}");
        }
    }
}

public static class LogbookCli
{
    public static int Main(string[] args, Func<string, IReadOnlyList<LogbookPage>> load)
    {
        var pages = load(args.Length > 0 ? args[0] : ".");
        var totals = new LogbookScanner().Scan(pages, new ConsoleProgressBar());
        Console.WriteLine();
        foreach (var (hut, stays) in totals.OrderByDescending(kv => kv.Value))
            Console.WriteLine($"{hut,-24}{stays,8}");
        return 0;
    }
}
