using Spectre.Console;

namespace Demo;

/// <summary>A live progress bar and tables for a terminal, drawn by Spectre.Console.</summary>
public sealed class RichDemoView : IDemoView
{
    private ProgressTask? bar;
    private Exception? crash;

    public async Task ShowDiagnosticsAsync(Func<Task<AnalyzerReport>> analyze)
    {
        AnalyzerReport report = await AnsiConsole.Status()
            .StartAsync("Running Forklift's analyzers on the samples' flagged code...", _ => analyze())
            .ConfigureAwait(false);
        var table = new Table()
            .Border(TableBorder.Rounded)
            .Title("What the IDE underlines and the build prints")
            .AddColumn("Where")
            .AddColumn("Rule")
            .AddColumn("Message");
        foreach (FoundDiagnostic diagnostic in report.Diagnostics)
        {
            // File names keep the table readable in 80 columns; the plain view prints the full paths.
            string colour = diagnostic.Severity == "error" ? "red" : "yellow";
            table.AddRow(
                new Text($"{Path.GetFileName(diagnostic.Path)}({diagnostic.Line},{diagnostic.Column})"),
                new Markup($"[{colour}]{diagnostic.Id}[/]"),
                new Text(diagnostic.Message));
        }

        AnsiConsole.Write(table);
        foreach (string line in SummaryLines.For(report))
        {
            AnsiConsole.WriteLine(line);
        }

        AnsiConsole.WriteLine();
    }

    public async Task<T> ShowProgressAsync<T>(string title, long total, Func<IProgress<int>, Task<T>> work)
    {
        AnsiConsole.MarkupLineInterpolated($"[bold]{title}[/]");
        T result = await AnsiConsole.Progress()
            .AutoClear(false)
            // A narrow bar and a short description fit an 80-column terminal; wider, the bar column is the one dropped.
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn { Width = 30 }, new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                ProgressTask task = context.AddTask("Counting primes", maxValue: total);
                Volatile.Write(ref bar, task);

                // ProgressTask.Increment is thread-safe; reports arrive on the pool's reader threads.
                T counted = await work(new InlineProgress<int>(count => task.Increment(count))).ConfigureAwait(false);
                task.Value = task.MaxValue;
                return counted;
            }).ConfigureAwait(false);

        // Writing while the live display runs garbles it, so the crash is printed only now.
        Exception? crashed = Volatile.Read(ref crash);
        if (crashed is not null)
        {
            AnsiConsole.MarkupLine("[red]crash:[/] a call that kills its worker process failed with:");
            AnsiConsole.WriteException(crashed, ExceptionFormats.ShortenEverything);
            AnsiConsole.MarkupLine("[green]the pool replaced the worker and every other call completed[/]");
        }

        return result;
    }

    public void ChunkDone(int done, int total, ChunkResult chunk)
    {
        ProgressTask? task = Volatile.Read(ref bar);
        if (task is not null)
        {
            // The crash is printed under the bar when the live display ends.
            task.Description = $"Primes: {done}/{total} chunks · last from pid {chunk.WorkerProcessId}";
        }
    }

    public void Crashed(Exception exception) => Volatile.Write(ref crash, exception);

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
