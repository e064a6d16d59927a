using Spectre.Console;

namespace Demo;

/// <summary>A live progress bar and tables for a terminal, drawn by Spectre.Console.</summary>
public sealed class RichDemoView : IDemoView
{
    private ProgressTask? bar;

    public async Task<T> ShowProgressAsync<T>(string title, long total, Func<IProgress<int>, Task<T>> work)
    {
        AnsiConsole.MarkupLineInterpolated($"[bold]{title}[/]");
        return await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                ProgressTask task = context.AddTask("Counting primes", maxValue: total);
                Volatile.Write(ref bar, task);

                // ProgressTask.Increment is thread-safe; reports arrive on the pool's reader threads.
                T result = await work(new InlineProgress<int>(count => task.Increment(count))).ConfigureAwait(false);
                task.Value = task.MaxValue;
                return result;
            }).ConfigureAwait(false);
    }

    public void ChunkDone(int done, int total, ChunkResult chunk)
    {
        ProgressTask? task = Volatile.Read(ref bar);
        if (task is not null)
        {
            task.Description = $"Counting primes: {done}/{total} chunks, last from worker pid {chunk.WorkerProcessId}";
        }
    }

    public void Crashed(Exception exception)
    {
        AnsiConsole.MarkupLine("[red]crash:[/] a call that kills its worker process failed with:");
        AnsiConsole.WriteException(exception, ExceptionFormats.ShortenEverything);
        AnsiConsole.MarkupLine("[green]the pool replaced the worker and carried on[/]");
    }

    public void Summary(DemoSummary summary)
    {
        var table = new Table()
            .Border(TableBorder.Rounded)
            .Title("Work by worker process")
            .AddColumn("Worker pid")
            .AddColumn(new TableColumn("Chunks").RightAligned())
            .AddColumn(new TableColumn("Primes").RightAligned())
            .AddColumn(new TableColumn("Busy ms").RightAligned());
        foreach (WorkerRow row in WorkerRow.From(summary.Chunks))
        {
            table.AddRow(row.ProcessId.ToString(), row.Chunks.ToString(), row.Primes.ToString("N0"), row.BusyMilliseconds.ToString("N0"));
        }

        AnsiConsole.WriteLine();
        AnsiConsole.Write(table);
        foreach (string line in SummaryLines.For(summary))
        {
            AnsiConsole.WriteLine(line);
        }
    }
}
