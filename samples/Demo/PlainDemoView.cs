using System.Globalization;

namespace Demo;

/// <summary>Plain lines for redirected output (logs, CI, tests): no cursor movement, no colours.</summary>
public sealed class PlainDemoView : IDemoView
{
    private readonly object gate = new();
    private long checkedNumbers;
    private int lastPrintedTenth;

    public async Task ShowDiagnosticsAsync(Func<Task<AnalyzerReport>> analyze)
    {
        Console.WriteLine("Forklift's analyzers on the samples' flagged code (what the IDE underlines and the build prints):");
        AnalyzerReport report = await analyze().ConfigureAwait(false);
        foreach (FoundDiagnostic diagnostic in report.Diagnostics)
        {
            Console.WriteLine(diagnostic);
        }

        foreach (string line in SummaryLines.For(report))
        {
            Console.WriteLine(line);
        }

        Console.WriteLine();
    }

    public async Task<T> ShowProgressAsync<T>(string title, long total, Func<IProgress<int>, Task<T>> work)
    {
        Console.WriteLine(title);
        var progress = new InlineProgress<int>(count =>
        {
            lock (gate)
            {
                checkedNumbers += count;
                int tenth = (int)(checkedNumbers * 10 / total);
                if (tenth > lastPrintedTenth)
                {
                    lastPrintedTenth = tenth;
                    Console.WriteLine($"progress: {tenth * 10}% ({checkedNumbers:N0} of {total:N0} numbers checked)");
                }
            }
        });
        return await work(progress).ConfigureAwait(false);
    }

    public void ChunkDone(int done, int total, ChunkResult chunk)
    {
        lock (gate)
        {
            Console.WriteLine(
                $"chunk {done}/{total} [{chunk.From:N0} .. {chunk.To:N0}): {chunk.Primes:N0} primes, worker pid {chunk.WorkerProcessId}, {chunk.Milliseconds:N0} ms");
        }
    }

    public void Crashed(Exception exception)
    {
        lock (gate)
        {
            Console.WriteLine("crash: a call that kills its worker process failed with:");
            Console.WriteLine(exception.ToString());
            Console.WriteLine("the pool replaced the worker and carried on");
        }
    }

    public void Summary(DemoSummary summary)
    {
        Console.WriteLine();
        Console.WriteLine("summary by worker process:");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"worker pid",10} | {"chunks",6} | {"primes",10} | {"busy ms",8}"));
        foreach (WorkerRow row in WorkerRow.From(summary.Chunks))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{row.ProcessId,10} | {row.Chunks,6} | {row.Primes,10:N0} | {row.BusyMilliseconds,8:N0}"));
        }

        foreach (string line in SummaryLines.For(summary))
        {
            Console.WriteLine(line);
        }
    }
}

/// <summary>One row of the per-worker table.</summary>
public sealed record WorkerRow(int ProcessId, int Chunks, int Primes, double BusyMilliseconds)
{
    public static IEnumerable<WorkerRow> From(IEnumerable<ChunkResult> chunks) =>
        chunks.GroupBy(c => c.WorkerProcessId)
            .OrderBy(g => g.Key)
            .Select(g => new WorkerRow(g.Key, g.Count(), g.Sum(c => c.Primes), g.Sum(c => c.Milliseconds)));
}

/// <summary>The totals under the tables, the same in both views.</summary>
public static class SummaryLines
{
    public static IEnumerable<string> For(AnalyzerReport report)
    {
        yield return string.Create(
            CultureInfo.InvariantCulture,
            $"{report.Diagnostics.Count} diagnostics in {report.Files.Count} files, analysed in {report.Elapsed.TotalSeconds:N2} s.");
        yield return "Each rule's page explains it; the IDE's light bulb fixes most of them, or: dotnet format analyzers --diagnostics FL2001";
    }

    public static IEnumerable<string> For(DemoSummary summary)
    {
        int workersUsed = summary.Chunks.Select(c => c.WorkerProcessId).Distinct().Count();
        double busy = summary.Chunks.Sum(c => c.Milliseconds);
        yield return $"primes below {summary.UpTo:N0}: {summary.Chunks.Sum(c => c.Primes):N0}";
        string replaced = workersUsed > summary.Workers ? ", the extra one replaced the crashed worker" : "";
        yield return $"chunks: {summary.Chunks.Count}, worker processes used: {workersUsed} (pool size {summary.Workers}{replaced}), caller pid {summary.CallerProcessId}";
        // No speed-up figure: busy time summed over chunks divided by wall time is not one (on 2 cores with 8 workers it
        // read 5.26x, because workers that share a core each count the wall time they wait). A real speed-up needs a
        // sequential run of the same work side by side: see samples/CpuVsIo and docs/benchmarks.md.
        yield return $"wall time: {summary.WallTime.TotalSeconds:N2} s, time inside workers summed over chunks: {busy / 1000:N2} s";
        yield return summary.Crash is null
            ? "crash: none happened (unexpected)"
            : $"crash: survived ({summary.Crash.GetType().Name}); every other call completed";
    }
}
